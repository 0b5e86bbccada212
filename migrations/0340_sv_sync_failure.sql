-- Failed runs of the scheduled monitoring platform sync (issue 15). An import is all or nothing, so a failed
-- run leaves no row in sv_import; without this log the import history page would show a platform that has
-- been refusing us for a week as simply "no new imports". Each failed attempt is kept with its reason and
-- whether the job server will try again (a 5xx or timeout) or not (a refusal, or data failing the checks).
create table sv_sync_failure (
    id          bigint generated always as identity primary key,
    failed_at   timestamptz not null,
    reason      text not null,
    will_retry  boolean not null
);
