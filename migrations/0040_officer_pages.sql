-- Officer and commissioner pages: answer attachments, the social value snapshot inserted into an answer,
-- and the three teams a new authority starts with (officers can add more on /teams).

-- Files a commissioner attaches to an answer (spreadsheets, redacted documents). Held in the database so
-- a backup of the database is a backup of the case; 20 MB each at most (checked by the page and here).
create table question_attachment (
    id            bigint generated always as identity primary key,
    question_id   bigint not null references question (id) on delete cascade,
    file_name     text not null,
    content_type  text not null,
    size          integer not null check (size between 0 and 20971520),
    bytes         bytea not null,
    uploaded_by   bigint references account (id),
    uploaded_at   timestamptz not null
);
create index question_attachment_question on question_attachment (question_id);

-- The social value figures behind an inserted answer, so the published numbers can be traced back.
alter table question add column social_value_snapshot_id bigint;

insert into team (name) values ('Children''s Commissioning'), ('Procurement'), ('Finance')
on conflict (name) do nothing;
