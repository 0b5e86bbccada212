-- Reminders and escalations the morning job decides on, waiting for the outbox sender to deliver them.
-- "A working day is never reminded twice for the same item": the unique key below (nulls not distinct, so a
-- case-level row with no question still collides) makes the job idempotent; it inserts with on conflict do nothing.
create table notification (
    id                    bigint generated always as identity primary key,
    -- reminder: to the assignee, draft due within 2 WD or overdue; escalation: to the team's managers on/after the
    -- escalation date; case-due: to IG officers, the statutory response due within 3 WD or overdue.
    kind                  text not null check (kind in ('reminder', 'escalation', 'case-due')),
    recipient_account_id  bigint not null references account (id) on delete cascade,
    case_id               bigint not null references foi_case (id) on delete cascade,
    question_id           bigint references question (id) on delete cascade,
    -- The Europe/London working day the job ran for.
    for_working_day       date not null,
    -- The date the reminder is about (draft due, escalation date's statutory date, or response due).
    due_date              date not null,
    created_at            timestamptz not null,
    status                text not null default 'pending' check (status in ('pending', 'sent')),
    unique nulls not distinct (kind, recipient_account_id, case_id, question_id, for_working_day)
);
create index notification_pending on notification (created_at) where status = 'pending';
create index notification_recipient on notification (recipient_account_id, for_working_day desc);
