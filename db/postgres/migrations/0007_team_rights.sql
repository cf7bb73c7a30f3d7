-- Schema version 7 (PostgreSQL, as db/sqlite/migrations/0007_team_members.sql): people and rights. PostgreSQL's own
-- login roles are the people; roles are cluster-wide, so a role's rights in this project come from this table.
-- Nothing here restricts anyone: until `rankpo team init` grants the members their privileges and turns on the
-- row-level policies (db/postgres/postgres_team.cpp), the project behaves as before.
CREATE TABLE team_members (
    role_name    TEXT COLLATE "C" PRIMARY KEY,     -- the login role (session_user), an SQL identifier
    display_name TEXT COLLATE "C" NOT NULL DEFAULT '',
    team_role    TEXT COLLATE "C" NOT NULL CHECK (team_role IN ('annotator', 'reviewer', 'admin')),
    added_at     BIGINT NOT NULL
);

-- Blind mode is the project_info row 'team.blind' = 'on' (absent or 'off': off); 'team.rights' = 'on' marks a
-- project whose rights `rankpo team init` enforces.

-- What the policies ask, as SECURITY DEFINER functions: they read team_members, project_info and preferences as
-- the project's owner, so a policy on preferences does not recurse into its own policies. search_path is the
-- project's schema at creation time (a migration runs with it set), so no caller can redirect them.
CREATE FUNCTION rankpo_team_role() RETURNS TEXT LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT team_role FROM team_members WHERE role_name = session_user
$$;

CREATE FUNCTION rankpo_team_blind() RETURNS BOOLEAN LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT COALESCE((SELECT value = 'on' FROM project_info WHERE key = 'team.blind'), FALSE)
$$;

-- Blind mode shows an annotator others' judgements of a pair (the AI's too) only once they have judged it.
CREATE FUNCTION rankpo_has_judged(pair BIGINT) RETURNS BOOLEAN LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT EXISTS (SELECT 1 FROM preferences WHERE pair_id = pair AND source = 'human' AND annotator = session_user)
$$;

-- The view reads the preferences with the reader's rights, so that blind mode's policy holds through it.
ALTER VIEW preference_outcomes SET (security_invoker = true);
