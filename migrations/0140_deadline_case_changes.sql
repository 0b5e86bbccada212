-- Which cases each committed change touched, so the manager dashboard recomputes only those cases' due dates
-- instead of every open case (migrations/0100 counts the changes; this says where they were).
--
-- One row per case ever changed, holding the version of its latest change. The version is taken while the
-- committing transaction holds deadline_inputs_version's row lock (the deferred trigger below runs at commit),
-- so versions follow commit order: a reader whose snapshot shows version V also sees every change numbered V or
-- lower, and "version > what I had" never skips a change that committed late. A sequence could not promise that.
-- A deleted case keeps its row, so the reader learns to drop it.
create table deadline_case_change (
    case_id  bigint primary key,
    version  bigint not null
);
create index deadline_case_change_version on deadline_case_change (version);

-- Called only after this transaction bumped the version, so it reads (and holds the lock on) its own number.
create function deadline_case_touched(changed_case bigint) returns void language sql as $$
    insert into deadline_case_change (case_id, version)
    select changed_case, version from deadline_inputs_version where id = 1
    on conflict (case_id) do update set version = excluded.version;
$$;

create or replace function deadline_inputs_changed() returns trigger language plpgsql as $$
begin
    if current_setting('foidesk.deadline_inputs_bumped', true) is distinct from 'yes' then
        perform set_config('foidesk.deadline_inputs_bumped', 'yes', true);
        update deadline_inputs_version set version = version + 1 where id = 1;
    end if;
    -- Holiday additions touch no case in particular: the reader compares the holiday table instead. Each
    -- branch names only its own table's columns (PL/pgSQL resolves a record's fields when it runs them).
    if tg_table_name = 'foi_case' then
        if tg_op <> 'INSERT' then perform deadline_case_touched(old.id); end if;
        if tg_op <> 'DELETE' then perform deadline_case_touched(new.id); end if;
    elsif tg_table_name = 'clock_event' then
        -- An event moved between cases changes both.
        if tg_op <> 'INSERT' then perform deadline_case_touched(old.case_id); end if;
        if tg_op <> 'DELETE' then perform deadline_case_touched(new.case_id); end if;
    end if;
    return null;
end
$$;

-- A case edit that changes nothing the dashboard reads (notes, the publish choice, the requester's address)
-- no longer counts: the dashboard shows reference, subject and status, computes from receipt, regime and SAR
-- calendar, and counts reviews by classification and outcome.
drop trigger foi_case_deadline_inputs on foi_case;
create constraint trigger foi_case_deadline_inputs after insert or delete on foi_case
    deferrable initially deferred for each row execute function deadline_inputs_changed();
create constraint trigger foi_case_deadline_inputs_update after update on foi_case
    deferrable initially deferred for each row
    when ((old.reference, old.subject, old.status, old.regime, old.sar_calendar, old.received_at, old.classification, old.outcome)
        is distinct from (new.reference, new.subject, new.status, new.regime, new.sar_calendar, new.received_at, new.classification, new.outcome))
    execute function deadline_inputs_changed();
