-- Schema version 7: the people of a shared project (db/team_members.h). A project file knows nobody and enforces
-- nothing: the table is here so that both engines hold the same tables, and so that `rankpo pull`'s snapshot of a
-- server project records who its team was (pushing brings no one into a server's team: its rights are the
-- server's roles and privileges, db/postgres/migrations/0007_team_rights.sql).
CREATE TABLE team_members (
    role_name    TEXT PRIMARY KEY,                 -- the server's login role, an SQL identifier
    display_name TEXT NOT NULL DEFAULT '',
    team_role    TEXT NOT NULL CHECK (team_role IN ('annotator', 'reviewer', 'admin')),
    added_at     INTEGER NOT NULL
) WITHOUT ROWID;
