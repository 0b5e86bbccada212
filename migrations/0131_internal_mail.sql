-- Internal mail (the morning reminder digest) goes through the same outbox as letters, for the same
-- at-least-once delivery with a stable Message-ID. A digest spans several cases and belongs to none, so
-- case_id becomes optional rather than adding a second outbox table with its own sender: a letter always
-- has a case (the check below), and everything that lists or publishes a case's letters joins on case_id,
-- so digests never appear there.
alter table outgoing_message alter column case_id drop not null;
alter table outgoing_message
    add constraint outgoing_message_case_or_internal check (case_id is not null or letter = 'reminder-digest');
