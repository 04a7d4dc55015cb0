-- Databases of the other services sharing the stack's PostgreSQL (ours is POSTGRES_DB=cmp).
CREATE DATABASE saleor OWNER cmp;
CREATE DATABASE langflow OWNER cmp;
