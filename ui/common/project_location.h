#pragma once

// Where a project lives, as the app shows and remembers it: a .rankpo file, or a shared project on a PostgreSQL
// server named by a URL (postgresql://user@host:port/db?project=NAME). A password typed for a server stays in
// the location the app opens with, in memory only: what is shown, listed as recent or kept in the settings never
// holds it.
#include <QString>

namespace rankpo::ui {

bool isServerLocation(const QString& location);

// What the recent list keeps and compares: a file's clean absolute path, a URL without its password.
QString rememberedLocation(const QString& location);

// The project's name: the file's base name, or the server project's name.
QString projectTitle(const QString& location);

// The line under the title: the file's folder, or the server (URL without project and password).
QString locationDetail(const QString& location);

// The URL to open with `password` given to libpq (a `password` parameter, percent-encoded); the URL as is when
// the password is empty (libpq then uses PGPASSWORD or ~/.pgpass).
QString withServerPassword(const QString& url, const QString& password);

// True when a failed open's message says the server wants a password it was not given, or refused the one given.
bool needsServerPassword(const QString& message);

} // namespace rankpo::ui
