/** Versioned schema migrations for the SQLite store. Append only: never edit an applied migration. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, entities, events',
    sql: `
      CREATE TABLE documents (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        url TEXT UNIQUE,
        source TEXT,
        title TEXT,
        published TEXT,
        language TEXT NOT NULL,
        text TEXT NOT NULL,
        origin TEXT,
        coded_json TEXT NOT NULL,
        coder_version TEXT NOT NULL,
        stored_at TEXT NOT NULL
      );
      CREATE INDEX documents_id ON documents(id);
      CREATE INDEX documents_published ON documents(published);

      CREATE TABLE entities (
        document_key INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
        entity_id TEXT NOT NULL,
        type TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        cluster TEXT,
        PRIMARY KEY (document_key, entity_id)
      );
      CREATE INDEX entities_text ON entities(text);

      CREATE TABLE events (
        key INTEGER PRIMARY KEY,
        document_key INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        sentence INTEGER NOT NULL,
        trigger_text TEXT NOT NULL,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        source_code TEXT, source_name TEXT, source_country TEXT,
        target_code TEXT, target_name TEXT, target_country TEXT,
        cameo_code TEXT NOT NULL,
        cameo_root TEXT NOT NULL,
        quad_class INTEGER NOT NULL,
        goldstein REAL NOT NULL,
        plover_type TEXT NOT NULL,
        event_date TEXT NOT NULL,
        date_precision TEXT NOT NULL,
        date_basis TEXT NOT NULL,
        place_name TEXT, place_country TEXT, lat REAL, lon REAL,
        negated INTEGER NOT NULL, future INTEGER NOT NULL, hypothetical INTEGER NOT NULL,
        confidence REAL NOT NULL,
        rule TEXT NOT NULL,
        coder TEXT NOT NULL,
        UNIQUE (document_key, event_id)
      );
      CREATE INDEX events_date ON events(event_date);
      CREATE INDEX events_cameo ON events(cameo_code);
      CREATE INDEX events_source ON events(source_code);
      CREATE INDEX events_target ON events(target_code);
    `,
  },
  {
    version: 2,
    name: 'actors of each document, roles learned from stories',
    sql: `
      CREATE TABLE actors (
        document_key INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
        actor_id TEXT NOT NULL,
        name TEXT NOT NULL,
        code TEXT NOT NULL,
        country TEXT NOT NULL,
        sectors TEXT NOT NULL,
        title TEXT,
        basis TEXT,
        PRIMARY KEY (document_key, actor_id)
      );
      CREATE INDEX actors_name ON actors(name);
      CREATE INDEX actors_code ON actors(code);

      CREATE TABLE actor_roles (
        key INTEGER PRIMARY KEY,
        document_key INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        published TEXT NOT NULL,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        country TEXT NOT NULL,
        sectors TEXT NOT NULL,
        title TEXT,
        evidence TEXT NOT NULL
      );
      CREATE INDEX actor_roles_name ON actor_roles(name_key);
      CREATE INDEX actor_roles_published ON actor_roles(published);
    `,
  },
  {
    version: 3,
    name: 'PLOVER mode and contexts of events',
    // New columns; rows stored before this migration are filled from the document's stored JSON (the
    // output contract keeps `plover.mode` and `plover.contexts` of every event). Contexts: comma-separated.
    sql: `
      ALTER TABLE events ADD COLUMN plover_mode TEXT;
      ALTER TABLE events ADD COLUMN plover_contexts TEXT NOT NULL DEFAULT '';
      UPDATE events SET
        plover_mode = (
          SELECT json_extract(e.value, '$.plover.mode')
          FROM documents d, json_each(d.coded_json, '$.events') e
          WHERE d.key = events.document_key AND json_extract(e.value, '$.id') = events.event_id),
        plover_contexts = COALESCE((
          SELECT (SELECT group_concat(c.value, ',') FROM json_each(e.value, '$.plover.contexts') c)
          FROM documents d, json_each(d.coded_json, '$.events') e
          WHERE d.key = events.document_key AND json_extract(e.value, '$.id') = events.event_id), '');
      CREATE INDEX events_plover ON events(plover_type, plover_mode);
    `,
  },
  // Version 4 does not depend on version 3 (they were written side by side).
  {
    version: 4,
    name: 'event clusters and mentions, syndication, coder versions and earlier codings, full-text evidence',
    sql: `
      CREATE TABLE coders (
        key INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL UNIQUE,
        descriptor TEXT NOT NULL
      );
      ALTER TABLE documents ADD COLUMN coder_key INTEGER REFERENCES coders(key);
      ALTER TABLE documents ADD COLUMN coded_at TEXT;

      CREATE TABLE codings (
        key INTEGER PRIMARY KEY,
        document_key INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
        coder_version TEXT NOT NULL,
        coder_key INTEGER REFERENCES coders(key),
        coded_at TEXT NOT NULL,
        superseded_at TEXT NOT NULL,
        coded_json TEXT NOT NULL
      );
      CREATE INDEX codings_document ON codings(document_key);
      CREATE INDEX codings_time ON codings(coded_at, superseded_at);

      CREATE TABLE syndication (
        document_key INTEGER PRIMARY KEY REFERENCES documents(key) ON DELETE CASCADE,
        shingles INTEGER NOT NULL,
        minhash BLOB NOT NULL,
        story TEXT NOT NULL,
        outlet TEXT NOT NULL,
        copy_of TEXT,
        similarity REAL
      );
      CREATE INDEX syndication_story ON syndication(story);
      CREATE TABLE syndication_bands (
        band INTEGER NOT NULL,
        document_key INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE
      );
      CREATE INDEX syndication_bands_band ON syndication_bands(band);
      CREATE INDEX syndication_bands_document ON syndication_bands(document_key);

      CREATE TABLE document_countries (
        document_key INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
        country TEXT NOT NULL,
        PRIMARY KEY (document_key, country)
      ) WITHOUT ROWID;
      CREATE INDEX document_countries_country ON document_countries(country);

      CREATE TABLE clusters (
        key INTEGER PRIMARY KEY,
        cluster_id TEXT NOT NULL UNIQUE,
        representative INTEGER NOT NULL,
        cameo_code TEXT NOT NULL,
        cameo_root TEXT NOT NULL,
        quad_class INTEGER NOT NULL,
        goldstein REAL NOT NULL,
        plover_type TEXT NOT NULL,
        plover_mode TEXT,
        plover_contexts TEXT NOT NULL,
        source_code TEXT, source_name TEXT, source_country TEXT,
        target_code TEXT, target_name TEXT, target_country TEXT,
        symmetric INTEGER NOT NULL,
        event_date TEXT NOT NULL,
        date_precision TEXT NOT NULL,
        place_name TEXT, place_country TEXT, lat REAL, lon REAL,
        negated INTEGER NOT NULL, future INTEGER NOT NULL, hypothetical INTEGER NOT NULL,
        num_mentions INTEGER NOT NULL DEFAULT 0,
        num_articles INTEGER NOT NULL DEFAULT 0,
        num_stories INTEGER NOT NULL DEFAULT 0,
        num_sources INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT,
        last_seen TEXT,
        linker TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX clusters_date ON clusters(event_date);
      CREATE INDEX clusters_cameo ON clusters(cameo_code);
      CREATE INDEX clusters_source_country ON clusters(source_country);
      CREATE INDEX clusters_target_country ON clusters(target_country);
      CREATE INDEX clusters_place_country ON clusters(place_country);

      CREATE TABLE mentions (
        event_key INTEGER PRIMARY KEY REFERENCES events(key) ON DELETE CASCADE,
        document_key INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
        mention_id TEXT NOT NULL UNIQUE,
        block TEXT NOT NULL,
        width INTEGER NOT NULL,
        date_lo TEXT NOT NULL,
        date_hi TEXT NOT NULL,
        place_level TEXT,
        plover_mode TEXT,
        plover_contexts TEXT NOT NULL,
        evidence TEXT NOT NULL,
        coder_key INTEGER REFERENCES coders(key),
        cluster_key INTEGER REFERENCES clusters(key),
        partner TEXT,
        score REAL,
        reason TEXT
      );
      CREATE INDEX mentions_candidates ON mentions(block, width, date_lo);
      CREATE INDEX mentions_cluster ON mentions(cluster_key);
      CREATE INDEX mentions_document ON mentions(document_key);

      CREATE VIRTUAL TABLE mention_fts USING fts5(evidence, tokenize = 'unicode61 remove_diacritics 2');
    `,
  },
  {
    version: 5,
    name: 'watch state: polled feeds, their items, watched files',
    // `herodotus watch` (issue #10): a restart resumes from here without fetching or coding anything twice.
    sql: `
      CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        last_poll TEXT,
        last_status TEXT,
        last_ok TEXT,
        items_seen INTEGER NOT NULL DEFAULT 0,
        items_stored INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        consecutive_errors INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
      );
      CREATE TABLE feed_items (
        feed_url TEXT NOT NULL,
        item_key TEXT NOT NULL,
        url TEXT,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        document_id TEXT,
        detail TEXT,
        first_seen TEXT NOT NULL,
        last_attempt TEXT NOT NULL,
        PRIMARY KEY (feed_url, item_key)
      ) WITHOUT ROWID;
      CREATE INDEX feed_items_url ON feed_items(url);
      CREATE TABLE watched_files (
        path TEXT PRIMARY KEY,
        mtime_ms REAL NOT NULL,
        size INTEGER NOT NULL,
        seen_at TEXT NOT NULL,
        outcome TEXT NOT NULL,
        document_ids TEXT NOT NULL DEFAULT ''
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    name: 'corrections: analysts\' corrections of events, anchored to a report so they survive recoding',
    // Append only: a correction is never updated or deleted; the latest one for an event wins (a `revert`
    // withdraws the ones before it). The anchor is the corrected report's document id and the spans of its
    // event's trigger and sentence in the document text, which never changes, so a recode (which may renumber
    // events and rebuild clusters) finds the report's event again; its source and target codes tell apart events
    // that share a trigger. cluster_id is the cluster it was made on.
    sql: `
      CREATE TABLE corrections (
        key INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        trigger_text TEXT NOT NULL,
        source_code TEXT,
        target_code TEXT,
        cluster_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('correct', 'wrong', 'revert')),
        fields TEXT NOT NULL,
        original TEXT NOT NULL,
        author TEXT NOT NULL,
        note TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX corrections_document ON corrections(document_id);
    `,
  },
  {
    version: 7,
    name: 'actor index of clusters: listing by actor and date',
    // The actor filter matches a substring of a cluster's source or target code or name. `actor_terms` holds
    // every distinct code and name once; `cluster_actors` lists each cluster under each of its terms in listing
    // order (event date, id), so the first page of an actor's clusters in a date range is read from the terms
    // that match, not from every cluster of the range. Triggers keep it current with the clusters table.
    sql: `
      CREATE TABLE actor_terms (
        key INTEGER PRIMARY KEY,
        term TEXT NOT NULL UNIQUE
      );
      CREATE TABLE cluster_actors (
        actor_key INTEGER NOT NULL REFERENCES actor_terms(key),
        event_date TEXT NOT NULL,
        cluster_id TEXT NOT NULL,
        cluster_key INTEGER NOT NULL REFERENCES clusters(key) ON DELETE CASCADE,
        PRIMARY KEY (actor_key, event_date, cluster_id, cluster_key)
      ) WITHOUT ROWID;
      CREATE INDEX cluster_actors_cluster ON cluster_actors(cluster_key);
      CREATE INDEX clusters_listing ON clusters(event_date, cluster_id);

      CREATE TRIGGER clusters_actors_insert AFTER INSERT ON clusters BEGIN
        INSERT OR IGNORE INTO actor_terms (term)
          SELECT t FROM (SELECT NEW.source_code AS t UNION SELECT NEW.target_code UNION SELECT NEW.source_name UNION SELECT NEW.target_name) WHERE t IS NOT NULL;
        INSERT OR IGNORE INTO cluster_actors (actor_key, event_date, cluster_id, cluster_key)
          SELECT key, NEW.event_date, NEW.cluster_id, NEW.key FROM actor_terms WHERE term IN (NEW.source_code, NEW.target_code, NEW.source_name, NEW.target_name);
      END;
      CREATE TRIGGER clusters_actors_update AFTER UPDATE OF source_code, source_name, target_code, target_name, event_date, cluster_id ON clusters
        WHEN OLD.source_code IS NOT NEW.source_code OR OLD.source_name IS NOT NEW.source_name OR OLD.target_code IS NOT NEW.target_code
          OR OLD.target_name IS NOT NEW.target_name OR OLD.event_date IS NOT NEW.event_date OR OLD.cluster_id IS NOT NEW.cluster_id
      BEGIN
        DELETE FROM cluster_actors WHERE cluster_key = OLD.key;
        INSERT OR IGNORE INTO actor_terms (term)
          SELECT t FROM (SELECT NEW.source_code AS t UNION SELECT NEW.target_code UNION SELECT NEW.source_name UNION SELECT NEW.target_name) WHERE t IS NOT NULL;
        INSERT OR IGNORE INTO cluster_actors (actor_key, event_date, cluster_id, cluster_key)
          SELECT key, NEW.event_date, NEW.cluster_id, NEW.key FROM actor_terms WHERE term IN (NEW.source_code, NEW.target_code, NEW.source_name, NEW.target_name);
      END;

      INSERT OR IGNORE INTO actor_terms (term)
        SELECT source_code FROM clusters WHERE source_code IS NOT NULL UNION SELECT target_code FROM clusters WHERE target_code IS NOT NULL
        UNION SELECT source_name FROM clusters WHERE source_name IS NOT NULL UNION SELECT target_name FROM clusters WHERE target_name IS NOT NULL;
      INSERT OR IGNORE INTO cluster_actors (actor_key, event_date, cluster_id, cluster_key)
        SELECT t.key, c.event_date, c.cluster_id, c.key FROM clusters c JOIN actor_terms t ON t.term IN (c.source_code, c.target_code, c.source_name, c.target_name);
    `,
  },
];
