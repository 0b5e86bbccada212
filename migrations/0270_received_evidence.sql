-- Receipt is dated from evidence (issue 14 item 4). FOIA s10(1) and EIR reg 5(2) count from the day the authority
-- received the request, not from the day FoiDesk happened to read it; so intake records which evidence gave the
-- received time, and flags a case whose evidence is far from when it was read, for an officer to check.
--
-- raw_email.arrived_evidence: which evidence set arrived_at: 'imap-internaldate' (the mailbox server's own
-- arrival time), 'received-header' (our mail servers' Received: header), 'date-header' (the sender's Date:),
-- 'read-time' (none of those: when FoiDesk read it). Null for mail stored before this migration.
alter table raw_email add column arrived_evidence text;

-- foi_case.received_evidence: the same, or 'officer' once an officer corrected the received date (the reason is
-- on the timeline and in the audit log). foi_case.received_flag: why the received date needs checking (more
-- than 5 working days before FoiDesk read the message, or later than it), null when nothing is odd.
alter table foi_case add column received_evidence text;
alter table foi_case add column received_flag text;
