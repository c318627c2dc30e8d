-- The complete reference schema (spec/schema.md A.3) as of its last migration, in one file,
-- with the workspace status enum holding all ten values the code writes (ARCHITECTURE.md §9.2).

CREATE TYPE workspace_status AS ENUM (
    'provisioning', 'online', 'offline', 'degraded', 'failed',
    'removed', 'paused', 'hibernated', 'awaiting_agent', 'hibernating'
);

CREATE TABLE workspaces (
    id                       UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name                     TEXT NOT NULL,
    role                     TEXT,
    tier                     INTEGER DEFAULT 1,
    status                   workspace_status DEFAULT 'provisioning',
    source_bundle_id         TEXT,
    agent_card               JSONB,
    url                      TEXT,
    parent_id                UUID REFERENCES workspaces(id),
    forwarded_to             UUID REFERENCES workspaces(id),
    last_heartbeat_at        TIMESTAMPTZ,
    last_error_rate          DOUBLE PRECISION DEFAULT 0,
    last_sample_error        TEXT,
    active_tasks             INTEGER DEFAULT 0,
    uptime_seconds           INTEGER DEFAULT 0,
    created_at               TIMESTAMPTZ DEFAULT now(),
    updated_at               TIMESTAMPTZ DEFAULT now(),
    current_task             TEXT,
    awareness_namespace      TEXT,
    runtime                  TEXT DEFAULT 'langgraph',
    workspace_dir            TEXT,
    workspace_access         VARCHAR(20) NOT NULL DEFAULT 'none'
                             CHECK (workspace_access IN ('none', 'read_only', 'read_write')),
    budget_limit             BIGINT,
    monthly_spend            BIGINT NOT NULL DEFAULT 0,
    hibernation_idle_minutes INT,
    last_outbound_at         TIMESTAMPTZ,
    max_concurrent_tasks     INTEGER NOT NULL DEFAULT 1,
    instance_id              TEXT
);
CREATE INDEX idx_workspaces_parent_id ON workspaces(parent_id);
CREATE INDEX idx_workspaces_status ON workspaces(status);
CREATE INDEX idx_workspaces_hibernation ON workspaces(hibernation_idle_minutes) WHERE hibernation_idle_minutes IS NOT NULL;
CREATE INDEX idx_workspaces_instance_id ON workspaces(instance_id) WHERE instance_id IS NOT NULL;

CREATE TABLE agents (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id   UUID REFERENCES workspaces(id),
    model          TEXT,
    status         TEXT DEFAULT 'active',
    removed_at     TIMESTAMPTZ,
    removal_reason TEXT,
    created_at     TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX idx_agents_workspace_id ON agents(workspace_id);

CREATE TABLE structure_events (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    event_type   TEXT NOT NULL,
    workspace_id UUID,
    agent_id     UUID,
    target_id    UUID,
    payload      JSONB,
    created_at   TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX idx_events_workspace_id ON structure_events(workspace_id);
CREATE INDEX idx_events_created_at ON structure_events(created_at);

CREATE TABLE workspace_secrets (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id       UUID REFERENCES workspaces(id),
    key                TEXT NOT NULL,
    encrypted_value    BYTEA NOT NULL,
    created_at         TIMESTAMPTZ DEFAULT now(),
    updated_at         TIMESTAMPTZ DEFAULT now(),
    encryption_version INT NOT NULL DEFAULT 0,
    UNIQUE (workspace_id, key)
);

CREATE TABLE global_secrets (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    key                TEXT NOT NULL UNIQUE,
    encrypted_value    BYTEA NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    encryption_version INT NOT NULL DEFAULT 0
);

CREATE TABLE canvas_layouts (
    workspace_id UUID PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    x            DOUBLE PRECISION NOT NULL DEFAULT 0,
    y            DOUBLE PRECISION NOT NULL DEFAULT 0,
    collapsed    BOOLEAN DEFAULT false
);

CREATE TABLE canvas_viewport (
    id       UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    x        DOUBLE PRECISION NOT NULL DEFAULT 0,
    y        DOUBLE PRECISION NOT NULL DEFAULT 0,
    zoom     DOUBLE PRECISION NOT NULL DEFAULT 1,
    saved_at TIMESTAMPTZ DEFAULT now()
);

CREATE TABLE workspace_config (
    workspace_id UUID PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    data         JSONB NOT NULL DEFAULT '{}',
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE workspace_memory (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    value        JSONB NOT NULL,
    expires_at   TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    version      BIGINT NOT NULL DEFAULT 1,
    UNIQUE (workspace_id, key)
);
CREATE INDEX workspace_memory_workspace_id_idx ON workspace_memory(workspace_id);
COMMENT ON COLUMN workspace_memory.version IS 'Incremented on every upsert; if_match_version compares against it.';

CREATE TABLE approval_requests (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id UUID REFERENCES workspaces(id),
    task_id      TEXT,
    action       TEXT NOT NULL,
    reason       TEXT,
    context      JSONB DEFAULT '{}',
    status       TEXT DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied', 'escalated')),
    decided_by   TEXT,
    decided_at   TIMESTAMPTZ,
    created_at   TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX idx_approvals_workspace ON approval_requests(workspace_id);
CREATE INDEX idx_approvals_status ON approval_requests(status);

CREATE TABLE agent_memories (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id UUID REFERENCES workspaces(id),
    content      TEXT NOT NULL,
    scope        VARCHAR(10) NOT NULL CHECK (scope IN ('LOCAL', 'TEAM', 'GLOBAL')),
    created_at   TIMESTAMPTZ DEFAULT now(),
    updated_at   TIMESTAMPTZ DEFAULT now(),
    namespace    VARCHAR(50) NOT NULL DEFAULT 'general',
    content_tsv  tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED
);
CREATE INDEX idx_memories_workspace ON agent_memories(workspace_id);
CREATE INDEX idx_memories_scope ON agent_memories(scope);
CREATE INDEX idx_memories_fts ON agent_memories USING GIN (content_tsv);
CREATE INDEX idx_memories_ns ON agent_memories(workspace_id, namespace);

CREATE TABLE activity_logs (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id    UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    activity_type   TEXT NOT NULL,
    source_id       UUID,
    target_id       UUID,
    method          TEXT,
    summary         TEXT,
    request_body    JSONB,
    response_body   JSONB,
    duration_ms     INT,
    status          TEXT DEFAULT 'ok',
    error_detail    TEXT,
    created_at      TIMESTAMPTZ DEFAULT now(),
    idempotency_key TEXT,
    tool_trace      JSONB
);
CREATE INDEX idx_activity_ws_type_time ON activity_logs(workspace_id, activity_type, created_at DESC);
CREATE INDEX idx_activity_created_at ON activity_logs(created_at);
CREATE UNIQUE INDEX activity_logs_idempotency_uniq ON activity_logs(workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX idx_activity_logs_tool_trace ON activity_logs USING GIN (tool_trace) WHERE tool_trace IS NOT NULL;

CREATE TABLE workspace_schedules (
    id                     UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id           UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name                   TEXT NOT NULL DEFAULT '',
    cron_expr              TEXT NOT NULL,
    timezone               TEXT NOT NULL DEFAULT 'UTC',
    prompt                 TEXT NOT NULL,
    enabled                BOOLEAN NOT NULL DEFAULT true,
    last_run_at            TIMESTAMPTZ,
    next_run_at            TIMESTAMPTZ,
    run_count              INT NOT NULL DEFAULT 0,
    last_status            TEXT DEFAULT '',
    last_error             TEXT DEFAULT '',
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    source                 TEXT NOT NULL DEFAULT 'runtime'
                           CONSTRAINT workspace_schedules_source_check CHECK (source IN ('template', 'runtime')),
    consecutive_empty_runs INT NOT NULL DEFAULT 0
);
CREATE INDEX idx_schedules_workspace ON workspace_schedules(workspace_id);
CREATE INDEX idx_schedules_next_run ON workspace_schedules(enabled, next_run_at) WHERE enabled;
CREATE UNIQUE INDEX idx_schedules_workspace_name ON workspace_schedules(workspace_id, name);
COMMENT ON COLUMN workspace_schedules.source IS 'template: seeded from the workspace template; runtime: created through the API or by the agent.';

CREATE TABLE workspace_channels (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id    UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    channel_type    TEXT NOT NULL,
    channel_config  JSONB NOT NULL DEFAULT '{}',
    enabled         BOOLEAN NOT NULL DEFAULT true,
    allowed_users   JSONB DEFAULT '[]',
    last_message_at TIMESTAMPTZ,
    message_count   INT NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    channel_budget  INT
);
CREATE UNIQUE INDEX idx_channels_workspace_type ON workspace_channels(workspace_id, channel_type);
CREATE INDEX idx_channels_lookup ON workspace_channels(channel_type, enabled) WHERE enabled;

CREATE TABLE workspace_auth_tokens (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    token_hash   BYTEA NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX workspace_auth_tokens_live_idx ON workspace_auth_tokens(workspace_id) WHERE revoked_at IS NULL;

CREATE TABLE workspace_token_usage (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id       UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    period_start       TIMESTAMPTZ NOT NULL,
    input_tokens       BIGINT NOT NULL DEFAULT 0,
    output_tokens      BIGINT NOT NULL DEFAULT 0,
    call_count         INT NOT NULL DEFAULT 0,
    estimated_cost_usd NUMERIC(12, 6) NOT NULL DEFAULT 0,
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX workspace_token_usage_ws_period ON workspace_token_usage(workspace_id, period_start);

CREATE TABLE org_plugin_allowlist (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id      UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    plugin_name TEXT NOT NULL,
    enabled_by  TEXT NOT NULL,
    enabled_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX org_plugin_allowlist_org_plugin ON org_plugin_allowlist(org_id, plugin_name);

CREATE TABLE workspace_artifacts (
    id           UUID NOT NULL DEFAULT gen_random_uuid(),
    workspace_id UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    cf_repo_name TEXT NOT NULL,
    cf_namespace TEXT NOT NULL,
    remote_url   TEXT,
    description  TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT workspace_artifacts_pkey PRIMARY KEY (id)
);
CREATE UNIQUE INDEX uq_workspace_artifacts_workspace_id ON workspace_artifacts(workspace_id);
CREATE INDEX idx_workspace_artifacts_cf_repo ON workspace_artifacts(cf_namespace, cf_repo_name);

CREATE TABLE audit_events (
    id                   TEXT NOT NULL,
    timestamp            TIMESTAMPTZ NOT NULL,
    agent_id             TEXT NOT NULL,
    session_id           TEXT NOT NULL,
    operation            TEXT NOT NULL,
    input_hash           TEXT,
    output_hash          TEXT,
    model_used           TEXT,
    human_oversight_flag BOOLEAN NOT NULL DEFAULT false,
    risk_flag            BOOLEAN NOT NULL DEFAULT false,
    prev_hmac            TEXT,
    hmac                 TEXT NOT NULL,
    workspace_id         UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    CONSTRAINT audit_events_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_audit_events_agent_id ON audit_events(agent_id);
CREATE INDEX idx_audit_events_session_id ON audit_events(session_id);
CREATE INDEX idx_audit_events_workspace ON audit_events(workspace_id);
CREATE INDEX idx_audit_events_timestamp ON audit_events(timestamp DESC);

CREATE TABLE org_api_tokens (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    token_hash   BYTEA NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    name         TEXT,
    created_by   TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    org_id       UUID REFERENCES workspaces(id) ON DELETE SET NULL
);
CREATE INDEX org_api_tokens_live_idx ON org_api_tokens(token_hash) WHERE revoked_at IS NULL;
CREATE INDEX org_api_tokens_org_id_idx ON org_api_tokens(org_id) WHERE org_id IS NOT NULL;

CREATE TABLE platform_instructions (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    scope        TEXT NOT NULL CHECK (scope IN ('global', 'team', 'workspace')),
    scope_target TEXT,
    title        TEXT NOT NULL CHECK (length(title) <= 200),
    content      TEXT NOT NULL CHECK (length(content) <= 8192),
    priority     INT DEFAULT 0,
    enabled      BOOLEAN DEFAULT true,
    created_at   TIMESTAMPTZ DEFAULT now(),
    updated_at   TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX idx_platform_instructions_scope ON platform_instructions(scope, scope_target) WHERE enabled;

CREATE TABLE a2a_queue (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id    UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    caller_id       UUID,
    priority        SMALLINT NOT NULL DEFAULT 50,
    body            JSONB NOT NULL,
    method          TEXT,
    idempotency_key TEXT,
    enqueued_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    dispatched_at   TIMESTAMPTZ,
    completed_at    TIMESTAMPTZ,
    expires_at      TIMESTAMPTZ,
    attempts        INT NOT NULL DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'dispatched', 'completed', 'dropped', 'failed')),
    last_error      TEXT
);
CREATE INDEX idx_a2a_queue_dispatch ON a2a_queue(workspace_id, priority DESC, enqueued_at ASC) WHERE status = 'queued';
CREATE INDEX idx_a2a_queue_expiry ON a2a_queue(expires_at) WHERE status = 'queued' AND expires_at IS NOT NULL;
CREATE UNIQUE INDEX idx_a2a_queue_idempotency ON a2a_queue(workspace_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL AND status IN ('queued', 'dispatched');

CREATE TABLE workflow_checkpoints (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    workflow_id  TEXT NOT NULL,
    step_name    TEXT NOT NULL,
    step_index   INT NOT NULL,
    completed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    payload      JSONB,
    UNIQUE (workspace_id, workflow_id, step_name)
);
CREATE INDEX idx_wf_checkpoints_ws ON workflow_checkpoints(workspace_id, workflow_id, completed_at DESC);
