-- The catalogue as an anonymous reader sees it, for PostGraphile: one view per table, with the
-- rows careergraph shows a reader who is not signed in (published objects; links and sessions
-- whose ends are published) and the columns its API exposes, in a schema of its own so that
-- careergraph's tables stay as they are. Views rather than row-level security: RLS would need
-- policies on careergraph's own tables and a role for PostGraphile to switch to, that is a
-- transaction and a set_config on every request, which is not how a public read-only
-- PostGraphile would be deployed.
--
-- Views have no keys of their own: the smart comments give PostGraphile the primary keys (for
-- ordering, cursors and node IDs), the unique slugs (professionBySlug) and the foreign keys (for
-- the relations, and the many-to-many fields through the link views).
DROP SCHEMA IF EXISTS pgl CASCADE;
CREATE SCHEMA pgl;

CREATE VIEW pgl.professions AS
  SELECT id, slug, title, summary, description, alternative_titles, time_to_learn_min_months,
         time_to_learn_max_months, salary_min, salary_max, salary_currency, salary_period,
         isco_code, esco_uri, onet_soc_code, published_at, created_at, updated_at
  FROM public.professions WHERE status = 'PUBLISHED';
COMMENT ON VIEW pgl.professions IS E'@primaryKey id\n@unique slug';

CREATE VIEW pgl.skills AS
  SELECT id, slug, name, kind, category, description, alternative_labels, esco_uri, skill_type,
         reuse_level, published_at, created_at, updated_at
  FROM public.skills WHERE status = 'PUBLISHED';
COMMENT ON VIEW pgl.skills IS E'@primaryKey id\n@unique slug';

CREATE VIEW pgl.profession_skills AS
  SELECT ps.id, ps.profession_id, ps.skill_id, ps.importance
  FROM public.profession_skills ps
  WHERE EXISTS (SELECT FROM public.professions p WHERE p.id = ps.profession_id AND p.status = 'PUBLISHED')
    AND EXISTS (SELECT FROM public.skills s WHERE s.id = ps.skill_id AND s.status = 'PUBLISHED');
COMMENT ON VIEW pgl.profession_skills IS E'@primaryKey id\n@unique profession_id,skill_id\n'
  '@foreignKey (profession_id) references pgl.professions (id)|@manyToManyFieldName professions\n'
  '@foreignKey (skill_id) references pgl.skills (id)|@manyToManyFieldName skills';

CREATE VIEW pgl.providers AS
  SELECT id, slug, name, description, website, city, country, created_at, updated_at
  FROM public.providers;
COMMENT ON VIEW pgl.providers IS E'@primaryKey id\n@unique slug';

CREATE VIEW pgl.trainings AS
  SELECT id, slug, title, summary, description, level, format, language, duration_hours,
         price_cents, price_currency, credential, provider_id, published_at, created_at, updated_at
  FROM public.trainings WHERE status = 'PUBLISHED';
COMMENT ON VIEW pgl.trainings IS E'@primaryKey id\n@unique slug\n'
  '@foreignKey (provider_id) references pgl.providers (id)';

CREATE VIEW pgl.training_professions AS
  SELECT tp.training_id, tp.profession_id
  FROM public.training_professions tp
  WHERE EXISTS (SELECT FROM public.trainings t WHERE t.id = tp.training_id AND t.status = 'PUBLISHED')
    AND EXISTS (SELECT FROM public.professions p WHERE p.id = tp.profession_id AND p.status = 'PUBLISHED');
COMMENT ON VIEW pgl.training_professions IS E'@primaryKey training_id,profession_id\n'
  '@foreignKey (training_id) references pgl.trainings (id)|@manyToManyFieldName trainings\n'
  '@foreignKey (profession_id) references pgl.professions (id)|@manyToManyFieldName professions';

CREATE VIEW pgl.training_sessions AS
  SELECT ts.id, ts.training_id, ts.code, ts.starts_at, ts.ends_at, ts.time_zone, ts.online, ts.city,
         ts.venue, ts.capacity, ts.seats_left, ts.status, ts.registration_deadline
  FROM public.training_sessions ts
  WHERE EXISTS (SELECT FROM public.trainings t WHERE t.id = ts.training_id AND t.status = 'PUBLISHED');
COMMENT ON VIEW pgl.training_sessions IS E'@primaryKey id\n'
  '@foreignKey (training_id) references pgl.trainings (id)|@foreignFieldName sessions';

CREATE VIEW pgl.blog_posts AS
  SELECT id, slug, title, excerpt, body, published_at, created_at, updated_at
  FROM public.blog_posts WHERE status = 'PUBLISHED';
COMMENT ON VIEW pgl.blog_posts IS E'@primaryKey id\n@unique slug';

CREATE VIEW pgl.glossary_terms AS
  SELECT id, slug, term, definition, published_at, created_at, updated_at
  FROM public.glossary_terms WHERE status = 'PUBLISHED';
COMMENT ON VIEW pgl.glossary_terms IS E'@primaryKey id\n@unique slug';
