-- Letter wording an authority has edited in the app, in place of the shipped file in templates/. Every save
-- and every revert is a new version (nothing is updated or deleted), so who changed a legal letter and when
-- can always be shown. A revert is a version with no subject or body: the shipped template applies again.
create table letter_template_version (
    id             bigint generated always as identity primary key,
    letter         text not null,
    language       text not null check (language in ('en', 'cy')),
    version        integer not null check (version > 0),
    subject        text,
    body           text,
    saved_by       bigint references account (id),
    saved_by_name  text not null,
    saved_at       timestamptz not null,
    check ((subject is null) = (body is null)),
    unique (letter, language, version)
);

-- Publication of a case's response in the disclosure log (publish_to_log, from 0010, is the officer's choice).
-- The job records which sent letter it last dealt with, so a case is published once and only again when a
-- newer response is sent or the officer chooses again; a failed redaction check leaves its reason here.
alter table foi_case
    add column publication_status text check (publication_status in ('published', 'failed')),
    add column publication_outgoing_id bigint references outgoing_message (id),
    add column publication_error text,
    add column published_at timestamptz;
