-- Intake looks up a requester's earlier requests (duplicate triage) by address on every new request;
-- without this index that is a scan of every case ever opened, so intake slows as the case count grows.
create index foi_case_requester_email on foi_case (lower(requester_email));
