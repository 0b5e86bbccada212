-- Every officer correction of a split (merge, split, renumber, edit at triage) is kept as a labelled example, so a
-- council can grow its own evaluation set for the question splitter (issue 17; `ops/foidesk split export`).
-- One row per case: the request text, what the splitter made of it when first corrected, and the split as the
-- officer left it after the latest correction. Exports redact personal data; this table holds the text as received,
-- like foi_case.request_text, and goes when the case goes.
create table split_correction (
    case_id             bigint primary key references foi_case (id) on delete cascade,
    request_text        text not null,
    -- [{number, text, parts, reason}] as QuestionSplitter gave them when the first correction was made.
    splitter_output     jsonb not null,
    -- [{number, text, parts}] in position order after the latest correction.
    corrected           jsonb not null,
    -- The kinds of correction made, in order ('questions-merged', 'question-split', ...).
    edits               text[] not null default '{}',
    first_corrected_at  timestamptz not null,
    corrected_at        timestamptz not null,
    corrected_by        text not null
);
create index split_correction_corrected_at on split_correction (corrected_at);
