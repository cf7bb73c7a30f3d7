-- Schema version 8: a member's privileges, given by the project's owner.
-- From nothing (db/postgres/postgres_team.cpp's `team add`, `team remove`, `team init`): run
-- as the project's owner, who made every grant, so that an admin who does not own the project can give and take
-- rights too, and a REVOKE takes away everything granted before. `team_role` NULL takes every right away. Only an
-- admin of the project (or its owner, or a superuser) may call it; identifiers go in through format()'s %I.
-- Every member reads the project; annotators and reviewers write judgements (the policies keep those their own),
-- reviewers decisions; admins write every table. No one but the owner changes the schema.
CREATE FUNCTION rankpo_team_grant(member TEXT, team_role TEXT) RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
DECLARE
    project TEXT := current_schema();
BEGIN
    IF NOT (COALESCE(rankpo_team_role() = 'admin', FALSE)
            OR pg_has_role(session_user, (SELECT nspowner FROM pg_namespace WHERE nspname = project), 'MEMBER')
            OR COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), FALSE)) THEN
        RAISE EXCEPTION 'only an admin of project % changes its team', project USING ERRCODE = '42501';
    END IF;
    IF team_role IS NOT NULL AND team_role NOT IN ('annotator', 'reviewer', 'admin') THEN
        RAISE EXCEPTION 'no team role %', team_role USING ERRCODE = '22023';
    END IF;
    -- PUBLIC is everyone, and the server's own roles are not people: neither joins a team.
    IF lower(member) = 'public' OR member LIKE 'pg\_%' OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = member) THEN
        RAISE EXCEPTION 'no login role % to give rights to', member USING ERRCODE = '22023';
    END IF;
    -- The owner holds every right as owner; a REVOKE would only take its own grants away.
    IF pg_has_role(member, (SELECT nspowner FROM pg_namespace WHERE nspname = project), 'MEMBER') THEN
        RETURN;
    END IF;
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', project, member);
    EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', project, member);
    IF team_role IS NULL THEN
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM %I', project, member);
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', project, member);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO %I', project, member);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', project, member);
    IF team_role = 'reviewer' THEN
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I.adjudications TO %I', project, member);
    END IF;
    IF team_role IN ('annotator', 'reviewer') THEN
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I.preferences TO %I', project, member);
    END IF;
    IF team_role = 'admin' THEN
        EXECUTE format('GRANT INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA %I TO %I', project, member);
        EXECUTE format('GRANT ALL ON ALL SEQUENCES IN SCHEMA %I TO %I', project, member);
    END IF;
END
$$;
