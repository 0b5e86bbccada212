-- Complaints to the Information Commissioner about a case (FOIA s.50; EIR reg 18; FOISA s.47 goes to the
-- Scottish Information Commissioner), and what came of them: an informal resolution, a decision notice (upheld,
-- partly upheld, not upheld) or an appeal to the First-tier Tribunal (FOIA s.57). See docs/ico.md.
create table ico_complaint (
    id              bigint generated always as identity primary key,
    case_id         bigint not null references foi_case (id),
    ico_reference   text not null check (length(btrim(ico_reference)) > 0),
    received_on     date not null,
    -- The date the ICO gave for the council's submissions. The ICO sets it in its letter; FoiDesk records it
    -- and reminds, it does not compute it.
    response_due_on date not null,
    submitted_on    date,
    outcome         text check (outcome in ('informal-resolution', 'decision-notice-upheld', 'decision-notice-partly-upheld', 'decision-notice-not-upheld', 'tribunal')),
    decided_on      date,
    -- An appeal to the First-tier Tribunal (FOIA s.57) keeps the complaint open until the tribunal decides.
    tribunal_decided_on date,
    -- A decision notice's compliance date (the steps the ICO requires, usually within 35 calendar days), or the
    -- tribunal's; null when none.
    compliance_due_on date,
    recorded_by     text not null,
    recorded_at     timestamptz not null,
    check ((outcome is null) = (decided_on is null)),
    unique (ico_reference)
);
create index ico_complaint_case on ico_complaint (case_id);

-- The ICO's dates are reminded by the morning job like the statutory ones.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check check (kind in ('reminder', 'escalation', 'case-due', 'ico-due'));
