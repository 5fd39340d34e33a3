-- A store written by complaintkit at schema version 9, before case_facts.received_at:
-- complaint P-1 received 2026-03-02 10:00 +08:00, taken in 2026-03-09 15:00 +08:00
-- without history, answered an hour later and resolved two hours later; W-1 taken in live.
BEGIN TRANSACTION;
CREATE TABLE case_facts (
        id TEXT PRIMARY KEY,
        opened_at REAL NOT NULL,
        status TEXT NOT NULL,
        category TEXT,
        channel TEXT,
        severity TEXT,
        product TEXT,
        first_response_secs REAL,
        resolution_secs REAL,
        satisfaction INTEGER,
        escalation_level INTEGER NOT NULL DEFAULT 0,
        fishbone TEXT,
        nature TEXT,
        root_why TEXT,
        reopened INTEGER NOT NULL DEFAULT 0
    );
INSERT INTO "case_facts" VALUES('CK-01KK8PAGC0Y717DHS2',1773039600.0,'resolved','uncategorised','old-desk','normal',NULL,3600.0,7200.0,NULL,0,NULL,NULL,NULL,0);
INSERT INTO "case_facts" VALUES('CK-01KK8PAGC0ADZFTPXN',1773039600.0,'received','uncategorised','web','normal',NULL,NULL,NULL,NULL,0,NULL,NULL,NULL,0);
CREATE TABLE case_remedies (
        case_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        remedy TEXT NOT NULL,
        currency TEXT,
        amount TEXT,
        status TEXT,
        PRIMARY KEY (case_id, seq)
    ) WITHOUT ROWID;
CREATE TABLE case_sla (
        case_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        met INTEGER NOT NULL,
        breached INTEGER NOT NULL,
        PRIMARY KEY (case_id, metric)
    ) WITHOUT ROWID;
CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        status TEXT NOT NULL,
        is_open INTEGER NOT NULL,
        customer_id TEXT NOT NULL,
        owner TEXT,
        category TEXT,
        opened_at REAL NOT NULL,
        next_deadline REAL,
        body TEXT NOT NULL
    );
INSERT INTO "cases" VALUES('CK-01KK8PAGC0Y717DHS2',6,'resolved',1,'cust-P-1','complaints-desk','uncategorised',1773039600.0,NULL,'{"id":"CK-01KK8PAGC0Y717DHS2","status":"resolved","complaints":[{"channel":"old-desk","external_id":"P-1","received_at":"2026-03-02T10:00:00+08:00","customer":{"id":"cust-P-1"},"subject":"","text":"面包发霉了"}],"opened_at":"2026-03-09T15:00:00+08:00","updated_at":"2026-03-09T17:00:00+08:00","status_token":"zQqMxtKl92b9TdyRJ66DLQ","policy_version":"empty","category":"uncategorised","severity":"normal","priority":"normal","tags":[],"owner":"complaints-desk","team":null,"first_response_at":"2026-03-09T16:00:00+08:00","resolved_at":"2026-03-09T17:00:00+08:00","closed_at":null,"resolution":"refunded","root_cause":null,"satisfaction":null,"escalation_level":0,"clocks":{},"next_deadline":null,"compensation":[],"attributes":{},"version":6,"last_hash":"f096452e5735889543974ecbd78cb56ded11aaad4c3e891f6240146840a363df"}');
INSERT INTO "cases" VALUES('CK-01KK8PAGC0ADZFTPXN',3,'received',1,'cust-W-1','complaints-desk','uncategorised',1773039600.0,NULL,'{"id":"CK-01KK8PAGC0ADZFTPXN","status":"received","complaints":[{"channel":"web","external_id":"W-1","received_at":"2026-03-09T15:00:00+08:00","customer":{"id":"cust-W-1"},"subject":"","text":"parcel late"}],"opened_at":"2026-03-09T15:00:00+08:00","updated_at":"2026-03-09T15:00:00+08:00","status_token":"3GR8_ZS8ctUlzdG62HC7OA","policy_version":"empty","category":"uncategorised","severity":"normal","priority":"normal","tags":[],"owner":"complaints-desk","team":null,"first_response_at":null,"resolved_at":null,"closed_at":null,"resolution":null,"root_cause":null,"satisfaction":null,"escalation_level":0,"clocks":{},"next_deadline":null,"compensation":[],"attributes":{},"version":3,"last_hash":"70ed80172b3a9d0309001f66f4529bb5191d4189b162f63769963c2e5e95da16"}');
CREATE TABLE dead_letters (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source TEXT NOT NULL,
        raw BLOB NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
    );
CREATE TABLE event_log (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT NOT NULL,
        seq INTEGER NOT NULL
    );
INSERT INTO "event_log" VALUES(1,'CK-01KK8PAGC0Y717DHS2',1);
INSERT INTO "event_log" VALUES(2,'CK-01KK8PAGC0Y717DHS2',2);
INSERT INTO "event_log" VALUES(3,'CK-01KK8PAGC0Y717DHS2',3);
INSERT INTO "event_log" VALUES(4,'CK-01KK8PAGC0ADZFTPXN',1);
INSERT INTO "event_log" VALUES(5,'CK-01KK8PAGC0ADZFTPXN',2);
INSERT INTO "event_log" VALUES(6,'CK-01KK8PAGC0ADZFTPXN',3);
INSERT INTO "event_log" VALUES(7,'CK-01KK8PAGC0Y717DHS2',4);
INSERT INTO "event_log" VALUES(8,'CK-01KK8PAGC0Y717DHS2',5);
INSERT INTO "event_log" VALUES(9,'CK-01KK8PAGC0Y717DHS2',6);
CREATE TABLE events (
        case_id TEXT NOT NULL REFERENCES cases (id),
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (case_id, seq)
    ) WITHOUT ROWID;
INSERT INTO "events" VALUES('CK-01KK8PAGC0ADZFTPXN',1,'opened','2026-03-09T15:00:00+08:00','{"actor":"system","at":"2026-03-09T15:00:00+08:00","case_id":"CK-01KK8PAGC0ADZFTPXN","data":{"complaint":{"channel":"web","customer":{"id":"cust-W-1"},"external_id":"W-1","received_at":"2026-03-09T15:00:00+08:00","subject":"","text":"parcel late"},"policy_version":"empty","status_token":"3GR8_ZS8ctUlzdG62HC7OA"},"kind":"opened","prev_hash":"0000000000000000000000000000000000000000000000000000000000000000","reason":"complaint W-1 received on web","seq":1,"hash":"f86ab88c9ea324b4bd8f3139d8caf73ae9d3fc6160ebb8b8b2fae0234bed6756"}');
INSERT INTO "events" VALUES('CK-01KK8PAGC0ADZFTPXN',2,'classified','2026-03-09T15:00:00+08:00','{"actor":"system","at":"2026-03-09T15:00:00+08:00","case_id":"CK-01KK8PAGC0ADZFTPXN","data":{"category":"uncategorised","priority":"normal","reasons":["no policy loaded: defaults apply"],"severity":"normal","tags":[]},"kind":"classified","prev_hash":"f86ab88c9ea324b4bd8f3139d8caf73ae9d3fc6160ebb8b8b2fae0234bed6756","reason":"no policy loaded: defaults apply","seq":2,"hash":"2427b3cd761ee62c00c70905f8da5ce5a773d87f6e02cbaed38560268c438079"}');
INSERT INTO "events" VALUES('CK-01KK8PAGC0ADZFTPXN',3,'assigned','2026-03-09T15:00:00+08:00','{"actor":"system","at":"2026-03-09T15:00:00+08:00","case_id":"CK-01KK8PAGC0ADZFTPXN","data":{"owner":"complaints-desk","team":null},"kind":"assigned","prev_hash":"2427b3cd761ee62c00c70905f8da5ce5a773d87f6e02cbaed38560268c438079","reason":"routed by policy","seq":3,"hash":"70ed80172b3a9d0309001f66f4529bb5191d4189b162f63769963c2e5e95da16"}');
INSERT INTO "events" VALUES('CK-01KK8PAGC0Y717DHS2',1,'opened','2026-03-09T15:00:00+08:00','{"actor":"system","at":"2026-03-09T15:00:00+08:00","case_id":"CK-01KK8PAGC0Y717DHS2","data":{"complaint":{"channel":"old-desk","customer":{"id":"cust-P-1"},"external_id":"P-1","received_at":"2026-03-02T10:00:00+08:00","subject":"","text":"面包发霉了"},"policy_version":"empty","status_token":"zQqMxtKl92b9TdyRJ66DLQ"},"kind":"opened","prev_hash":"0000000000000000000000000000000000000000000000000000000000000000","reason":"complaint P-1 received on old-desk","seq":1,"hash":"66c4ea6c59c4ae62c567e8de26a455afada11002a3c9039887d3471f3c4e83b1"}');
INSERT INTO "events" VALUES('CK-01KK8PAGC0Y717DHS2',2,'classified','2026-03-09T15:00:00+08:00','{"actor":"system","at":"2026-03-09T15:00:00+08:00","case_id":"CK-01KK8PAGC0Y717DHS2","data":{"category":"uncategorised","priority":"normal","reasons":["no policy loaded: defaults apply"],"severity":"normal","tags":[]},"kind":"classified","prev_hash":"66c4ea6c59c4ae62c567e8de26a455afada11002a3c9039887d3471f3c4e83b1","reason":"no policy loaded: defaults apply","seq":2,"hash":"d6307ee6d0306d3c1be13e94a2216bf56a99d25f1d12180643c69b8252087b5a"}');
INSERT INTO "events" VALUES('CK-01KK8PAGC0Y717DHS2',3,'assigned','2026-03-09T15:00:00+08:00','{"actor":"system","at":"2026-03-09T15:00:00+08:00","case_id":"CK-01KK8PAGC0Y717DHS2","data":{"owner":"complaints-desk","team":null},"kind":"assigned","prev_hash":"d6307ee6d0306d3c1be13e94a2216bf56a99d25f1d12180643c69b8252087b5a","reason":"routed by policy","seq":3,"hash":"0b4560545cd45f9b273c201e8724d6751ae9ba4bbb0a4399b9fd5390251afc0c"}');
INSERT INTO "events" VALUES('CK-01KK8PAGC0Y717DHS2',4,'responded','2026-03-09T16:00:00+08:00','{"actor":"li.na","at":"2026-03-09T16:00:00+08:00","case_id":"CK-01KK8PAGC0Y717DHS2","data":{"message":"sorry for the wait","visible":true},"kind":"responded","prev_hash":"0b4560545cd45f9b273c201e8724d6751ae9ba4bbb0a4399b9fd5390251afc0c","reason":"","seq":4,"hash":"4b52fa7ae3de500a44b4739f528913c42175a76019eacb86ec54492dcdbe2c20"}');
INSERT INTO "events" VALUES('CK-01KK8PAGC0Y717DHS2',5,'transitioned','2026-03-09T16:00:00+08:00','{"actor":"li.na","at":"2026-03-09T16:00:00+08:00","case_id":"CK-01KK8PAGC0Y717DHS2","data":{"from":"received","to":"acknowledged"},"kind":"transitioned","prev_hash":"4b52fa7ae3de500a44b4739f528913c42175a76019eacb86ec54492dcdbe2c20","reason":"first response sent","seq":5,"hash":"c6391f6c87aef85d87ff389d292b7ec8c3702c0b8906ee11062e676ae1b88c82"}');
INSERT INTO "events" VALUES('CK-01KK8PAGC0Y717DHS2',6,'transitioned','2026-03-09T17:00:00+08:00','{"actor":"li.na","at":"2026-03-09T17:00:00+08:00","case_id":"CK-01KK8PAGC0Y717DHS2","data":{"from":"acknowledged","resolution":"refunded","to":"resolved"},"kind":"transitioned","prev_hash":"c6391f6c87aef85d87ff389d292b7ec8c3702c0b8906ee11062e676ae1b88c82","reason":"resolved","seq":6,"hash":"f096452e5735889543974ecbd78cb56ded11aaad4c3e891f6240146840a363df"}');
CREATE TABLE intake_keys (
        channel TEXT NOT NULL,
        external_id TEXT NOT NULL,
        case_id TEXT NOT NULL REFERENCES cases (id),
        PRIMARY KEY (channel, external_id)
    ) WITHOUT ROWID;
INSERT INTO "intake_keys" VALUES('old-desk','P-1','CK-01KK8PAGC0Y717DHS2');
INSERT INTO "intake_keys" VALUES('web','W-1','CK-01KK8PAGC0ADZFTPXN');
CREATE TABLE ledger (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL,
        body TEXT NOT NULL
    );
INSERT INTO "ledger" VALUES(1,'182890822b0cb0de5633866f68de2122897813b1f3d9255a870eca8755364855','{"heads":[["CK-01KK8PAGC0Y717DHS2",3,"0b4560545cd45f9b273c201e8724d6751ae9ba4bbb0a4399b9fd5390251afc0c"]],"id":1,"key_id":null,"prev":"0000000000000000000000000000000000000000000000000000000000000000","hash":"182890822b0cb0de5633866f68de2122897813b1f3d9255a870eca8755364855"}');
INSERT INTO "ledger" VALUES(2,'51bbcef0bdd544584f00c7df3ecfdf3bf947f59e806005332a519133f803a511','{"heads":[["CK-01KK8PAGC0ADZFTPXN",3,"70ed80172b3a9d0309001f66f4529bb5191d4189b162f63769963c2e5e95da16"]],"id":2,"key_id":null,"prev":"182890822b0cb0de5633866f68de2122897813b1f3d9255a870eca8755364855","hash":"51bbcef0bdd544584f00c7df3ecfdf3bf947f59e806005332a519133f803a511"}');
INSERT INTO "ledger" VALUES(3,'14c38dce4eed86e206d27c78495dd0975d650bec961df09de74faecf5769eddf','{"heads":[["CK-01KK8PAGC0Y717DHS2",5,"c6391f6c87aef85d87ff389d292b7ec8c3702c0b8906ee11062e676ae1b88c82"]],"id":3,"key_id":null,"prev":"51bbcef0bdd544584f00c7df3ecfdf3bf947f59e806005332a519133f803a511","hash":"14c38dce4eed86e206d27c78495dd0975d650bec961df09de74faecf5769eddf"}');
INSERT INTO "ledger" VALUES(4,'589454f804e849dacc1d2077dc26a62f41f55688100410137772709f6f884818','{"heads":[["CK-01KK8PAGC0Y717DHS2",6,"f096452e5735889543974ecbd78cb56ded11aaad4c3e891f6240146840a363df"]],"id":4,"key_id":null,"prev":"14c38dce4eed86e206d27c78495dd0975d650bec961df09de74faecf5769eddf","hash":"589454f804e849dacc1d2077dc26a62f41f55688100410137772709f6f884818"}');
CREATE TABLE outbox (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        delivery_id TEXT NOT NULL UNIQUE,
        via TEXT NOT NULL,
        kind TEXT NOT NULL,
        case_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL,
        last_error TEXT NOT NULL DEFAULT ''
    );
CREATE TABLE status_tokens (
        token TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id)
    ) WITHOUT ROWID;
INSERT INTO "status_tokens" VALUES('3GR8_ZS8ctUlzdG62HC7OA','CK-01KK8PAGC0ADZFTPXN');
INSERT INTO "status_tokens" VALUES('zQqMxtKl92b9TdyRJ66DLQ','CK-01KK8PAGC0Y717DHS2');
CREATE INDEX cases_due ON cases (next_deadline) WHERE next_deadline IS NOT NULL;
CREATE INDEX cases_customer ON cases (customer_id, opened_at);
CREATE INDEX cases_status ON cases (status, opened_at);
CREATE INDEX cases_owner ON cases (owner, opened_at);
CREATE INDEX case_facts_opened ON case_facts (opened_at);
CREATE INDEX case_facts_category ON case_facts (category, opened_at);
CREATE INDEX case_facts_channel ON case_facts (channel, opened_at);
CREATE INDEX case_facts_severity ON case_facts (severity, opened_at);
CREATE INDEX case_facts_product ON case_facts (product, opened_at);
CREATE INDEX case_facts_first_response ON case_facts (first_response_secs, opened_at)
        WHERE first_response_secs IS NOT NULL;
CREATE INDEX case_facts_resolution ON case_facts (resolution_secs, opened_at)
        WHERE resolution_secs IS NOT NULL;
CREATE INDEX case_facts_escalation ON case_facts (escalation_level, opened_at);
CREATE INDEX case_facts_satisfaction ON case_facts (satisfaction, opened_at)
        WHERE satisfaction IS NOT NULL;
CREATE INDEX case_facts_root ON case_facts (fishbone, nature, root_why, opened_at)
        WHERE fishbone IS NOT NULL;
CREATE INDEX case_facts_reopened ON case_facts (opened_at) WHERE reopened > 0;
CREATE INDEX case_sla_outcome ON case_sla (metric, met, breached);
CREATE INDEX outbox_due ON outbox (next_attempt_at, position) WHERE state = 'pending';
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('event_log',9);
COMMIT;
PRAGMA user_version = 9;
