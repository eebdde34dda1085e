-- A contact that kept a promise names it (promise_id): the window says
-- "Kept the promise: …" in the owner's language when it shows the contact.
-- Older versions also stored those words as the summary, translated when
-- the contact was logged (and the sample book stored them in English):
-- drop them where the summary is exactly those words in one of the
-- languages, so they are neither shown twice nor frozen in one language.
-- A summary the owner wrote stays. Never edit this file once shipped.
UPDATE interactions SET summary = ''
WHERE promise_id IS NOT NULL AND summary <> '' AND EXISTS (
    SELECT 1 FROM promises AS p, (VALUES
        ('Kept the promise: '),
        ('kept the promise: '),
        ('Խոստումը կատարված է՝ '),
        ('დაპირება შესრულდა: '),
        ('Promisiune îndeplinită: '),
        ('Обещание выполнено: ')) AS k
    WHERE p.id = interactions.promise_id AND interactions.summary = k.column1 || p.what);
