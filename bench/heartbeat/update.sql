\set n random(1, 1000)
UPDATE workspaces SET last_heartbeat_at = now(), last_error_rate = 0, last_sample_error = '', active_tasks = 0,
       uptime_seconds = 100, current_task = ''
 WHERE id = md5('bench-' || :n)::uuid AND status <> 'removed';
