-- Runs once, when the data volume is empty. Temporal's auto-setup creates its own databases
-- (temporal, temporal_visibility); the app gets its own database and a role that is not a
-- superuser, so a bug in the app cannot touch Temporal's data.
-- The password comes from the container's environment (psql 15+ \getenv), so it is never
-- written in this file; if the variable is missing, the literal below fails the init loudly.
\getenv rakuten_password RAKUTEN_DB_PASSWORD
CREATE ROLE rakuten LOGIN PASSWORD :'rakuten_password';
CREATE DATABASE rakuten OWNER rakuten;
