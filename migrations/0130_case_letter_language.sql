-- The language a case's letters are written in. Under the Welsh Language Standards a council replies in Welsh
-- to someone who wrote in Welsh, and many send bilingual correspondence: 'bilingual' is one email with the
-- Welsh version first, then the English. Intake proposes 'cy' for a request written in Welsh; an officer may
-- change it on the case. Existing cases stay English.
alter table foi_case
    add column letter_language text not null default 'en' check (letter_language in ('en', 'cy', 'bilingual'));
