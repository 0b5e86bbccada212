-- Security review (issue 16, M6): a subject access request's response is the requester's own personal data
-- (UK GDPR Art. 15) and must never reach the public disclosure log. DisclosureLog.ChooseAsync refuses the
-- choice with a clear message and PublishAsync leaves such cases out; this makes the database hold the same
-- rule whatever path writes the row: a SAR (or a review of one) never carries publish_to_log. Reclassifying a
-- case as a SAR therefore withdraws an earlier choice, and the next run takes it out of the log.
update foi_case set publish_to_log = false
where publish_to_log and (classification = 'sar' or regime is not distinct from 'sar');

create function foi_case_sar_never_published() returns trigger language plpgsql as $$
begin
    if new.publish_to_log and (new.classification = 'sar' or new.regime is not distinct from 'sar') then
        new.publish_to_log := false;
    end if;
    return new;
end;
$$;

create trigger foi_case_sar_never_published before insert or update of publish_to_log, classification, regime on foi_case
    for each row execute function foi_case_sar_never_published();
