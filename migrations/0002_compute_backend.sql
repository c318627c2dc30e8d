-- Where a workspace's compute lives, decided once at create (ARCHITECTURE.md §3). Before this column
-- an empty instance_id meant both "Docker" and "EC2, not started yet", so a changed default backend
-- moved Docker workspaces away from their volumes at their next restart. Rows that already have an
-- instance are EC2; every other existing row ran on Docker.
ALTER TABLE workspaces ADD COLUMN compute_backend TEXT;

UPDATE workspaces
SET compute_backend = CASE WHEN COALESCE(instance_id, '') <> '' THEN 'ec2' ELSE 'docker' END;

-- The default only serves rows created without a backend of their own (an agent registering an id
-- nobody created); POST /workspaces always writes the configured default.
ALTER TABLE workspaces
    ALTER COLUMN compute_backend SET DEFAULT 'docker',
    ALTER COLUMN compute_backend SET NOT NULL,
    ADD CONSTRAINT workspaces_compute_backend_check CHECK (compute_backend IN ('docker', 'ec2'));
