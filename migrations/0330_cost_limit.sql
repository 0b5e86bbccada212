-- Issue 19 part 2: the cost limit (FOIA s.12; the Freedom of Information and Data Protection (Appropriate Limit
-- and Fees) Regulations 2004, SI 2004/3244, "the Fees Regulations"; for EIR, reg 12(4)(b)).
--
-- A commissioner's estimate for one question, in hours for each activity reg 4(3) lets an authority count:
-- (a) determining whether it holds the information, (b) locating it or a document containing it,
-- (c) retrieving it, and (d) extracting it. Nothing else (redaction, reading, consulting) may be counted.
-- One row per question: the newest estimate replaces the earlier one; each save is on the case timeline and in
-- the audit log with the figures, so the history is kept there.
create table cost_estimate (
    question_id     bigint primary key references question (id) on delete cascade,
    determining     numeric(7, 2) not null check (determining >= 0),
    locating        numeric(7, 2) not null check (locating >= 0),
    retrieving      numeric(7, 2) not null check (retrieving >= 0),
    extracting      numeric(7, 2) not null check (extracting >= 0),
    -- How the commissioner arrived at it (ICO: an estimate must be reasonable and based on cogent evidence).
    basis           text not null default '',
    estimated_by    text not null,
    estimated_by_id bigint references account (id),
    estimated_at    timestamptz not null
);

-- Fees Regulations reg 5: an officer's decision on whether two requests are aggregated for the cost limit
-- (same requester, or people apparently acting in concert, similar information, within 60 working days).
-- FoiDesk only flags candidates; this records what the officer decided, and why.
create table aggregation_decision (
    case_id        bigint not null references foi_case (id) on delete cascade,
    other_case_id  bigint not null references foi_case (id) on delete cascade,
    aggregate      boolean not null,
    reason         text not null check (length(btrim(reason)) > 0),
    decided_by     text not null,
    decided_by_id  bigint references account (id),
    decided_at     timestamptz not null,
    primary key (case_id, other_case_id)
);
