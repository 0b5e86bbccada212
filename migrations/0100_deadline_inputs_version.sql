-- A counter of committed changes to what open cases' due dates are computed from: the cases themselves
-- (receipt, regime, status: a case leaving or joining the open list), their clock events and the holiday
-- additions. The manager dashboard caches its open-case computation under this number and recomputes when
-- it moves, so a new clock event or holiday shows on the next request, whichever code path wrote it.
create table deadline_inputs_version (
    id       integer primary key check (id = 1),
    version  bigint not null
);
insert into deadline_inputs_version (id, version) values (1, 0);

-- Bumped once per writing transaction, at commit (a deferred constraint trigger): the row lock is held only
-- while the transaction commits, after all its other locks, so writers queue briefly and never deadlock on it,
-- and the new number becomes visible in the same instant as the change it counts.
create function deadline_inputs_changed() returns trigger language plpgsql as $$
begin
    if current_setting('foidesk.deadline_inputs_bumped', true) is distinct from 'yes' then
        perform set_config('foidesk.deadline_inputs_bumped', 'yes', true);
        update deadline_inputs_version set version = version + 1 where id = 1;
    end if;
    return null;
end
$$;

create constraint trigger foi_case_deadline_inputs after insert or update or delete on foi_case
    deferrable initially deferred for each row execute function deadline_inputs_changed();
create constraint trigger clock_event_deadline_inputs after insert or update or delete on clock_event
    deferrable initially deferred for each row execute function deadline_inputs_changed();
create constraint trigger holiday_addition_deadline_inputs after insert or update or delete on holiday_addition
    deferrable initially deferred for each row execute function deadline_inputs_changed();

-- When the on-time summary last caught up (the dashboard shows its figures "as of" this instant).
alter table timeliness_watermark add column refreshed_at timestamptz;
