-- Schema version 8: on PostgreSQL, the function through which an admin who does not own the project gives and
-- takes a member's privileges. A file has no privileges; the version moves on so that both engines stay alike.
SELECT 1;
