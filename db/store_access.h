#pragma once

// db-internal: the connection behind a store, for the readers and writers of db/. Nothing outside db/ includes
// this header (the layering test checks it): the other layers go through the typed classes.
#include "db/project_store.h"
#include "db/sql/connection.h"

namespace rankpo::db {

class StoreAccess {
public:
    static Connection& connection(ProjectStore& store) { return *store.m_db; }
};

inline Connection& connectionOf(ProjectStore& store)
{
    return StoreAccess::connection(store);
}

} // namespace rankpo::db
