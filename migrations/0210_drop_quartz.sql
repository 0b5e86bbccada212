-- Jobs moved from Quartz.NET to Hangfire (issue 15). Quartz's job store (0002) is no longer read by anything.
-- Hangfire keeps its own tables in the schema "hangfire", created and upgraded at start-up by
-- Hangfire.PostgreSql's installer under FoiDesk's migration lock (src/FoiDesk.Web/Jobs/JobServices.cs), so
-- they follow the package version rather than this folder.
drop table if exists qrtz_blob_triggers, qrtz_cron_triggers, qrtz_simple_triggers, qrtz_simprop_triggers,
    qrtz_fired_triggers, qrtz_triggers, qrtz_job_details, qrtz_calendars, qrtz_execution_history,
    qrtz_job_status, qrtz_locks, qrtz_misfire_history, qrtz_paused_job_grps, qrtz_paused_trigger_grps,
    qrtz_scheduler_state;
