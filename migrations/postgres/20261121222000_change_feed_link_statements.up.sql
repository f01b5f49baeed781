-- Links enter the change feed once per owner and statement instead of once per row: a statement
-- that adds 40 skills to a profession records one UPDATE of the profession, not 40. Bulk writes
-- (the ESCO and JSON Lines imports) add tens of thousands of links in a few statements, and a
-- partner reading the feed needs to know which objects changed, not how many rows did.
-- PostgreSQL allows transition tables on triggers of one event only, hence three per table.
CREATE FUNCTION "changes_record_links"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV: the owner's type, its table, and the link table's column that points to it. A
  -- removed link's owner may be going with it: only owners that still exist are recorded.
  IF TG_OP = 'DELETE' THEN
    EXECUTE format('INSERT INTO "changes" ("type", "object_id", "op", "at") SELECT %L, o."id", ''UPDATE'', clock_timestamp() FROM %I o WHERE o."id" IN (SELECT %I FROM "changed") ORDER BY o."id"',
      TG_ARGV[0], TG_ARGV[1], TG_ARGV[2]);
  ELSE
    EXECUTE format('INSERT INTO "changes" ("type", "object_id", "op", "at") SELECT %L, c.owner, ''UPDATE'', clock_timestamp() FROM (SELECT DISTINCT %I AS owner FROM "changed") c ORDER BY c.owner',
      TG_ARGV[0], TG_ARGV[2]);
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER "blog_post_professions_changes" ON "blog_post_professions";
CREATE TRIGGER "blog_post_professions_changes_insert" AFTER INSERT ON "blog_post_professions" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('BlogPost', 'blog_posts', 'blog_post_id');
CREATE TRIGGER "blog_post_professions_changes_update" AFTER UPDATE ON "blog_post_professions" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('BlogPost', 'blog_posts', 'blog_post_id');
CREATE TRIGGER "blog_post_professions_changes_delete" AFTER DELETE ON "blog_post_professions" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('BlogPost', 'blog_posts', 'blog_post_id');
DROP TRIGGER "blog_post_skills_changes" ON "blog_post_skills";
CREATE TRIGGER "blog_post_skills_changes_insert" AFTER INSERT ON "blog_post_skills" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('BlogPost', 'blog_posts', 'blog_post_id');
CREATE TRIGGER "blog_post_skills_changes_update" AFTER UPDATE ON "blog_post_skills" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('BlogPost', 'blog_posts', 'blog_post_id');
CREATE TRIGGER "blog_post_skills_changes_delete" AFTER DELETE ON "blog_post_skills" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('BlogPost', 'blog_posts', 'blog_post_id');
DROP TRIGGER "blog_post_tags_changes" ON "blog_post_tags";
CREATE TRIGGER "blog_post_tags_changes_insert" AFTER INSERT ON "blog_post_tags" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('BlogPost', 'blog_posts', 'blog_post_id');
CREATE TRIGGER "blog_post_tags_changes_update" AFTER UPDATE ON "blog_post_tags" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('BlogPost', 'blog_posts', 'blog_post_id');
CREATE TRIGGER "blog_post_tags_changes_delete" AFTER DELETE ON "blog_post_tags" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('BlogPost', 'blog_posts', 'blog_post_id');
DROP TRIGGER "blog_post_trainings_changes" ON "blog_post_trainings";
CREATE TRIGGER "blog_post_trainings_changes_insert" AFTER INSERT ON "blog_post_trainings" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('BlogPost', 'blog_posts', 'blog_post_id');
CREATE TRIGGER "blog_post_trainings_changes_update" AFTER UPDATE ON "blog_post_trainings" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('BlogPost', 'blog_posts', 'blog_post_id');
CREATE TRIGGER "blog_post_trainings_changes_delete" AFTER DELETE ON "blog_post_trainings" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('BlogPost', 'blog_posts', 'blog_post_id');
DROP TRIGGER "glossary_term_skills_changes" ON "glossary_term_skills";
CREATE TRIGGER "glossary_term_skills_changes_insert" AFTER INSERT ON "glossary_term_skills" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('GlossaryTerm', 'glossary_terms', 'glossary_term_id');
CREATE TRIGGER "glossary_term_skills_changes_update" AFTER UPDATE ON "glossary_term_skills" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('GlossaryTerm', 'glossary_terms', 'glossary_term_id');
CREATE TRIGGER "glossary_term_skills_changes_delete" AFTER DELETE ON "glossary_term_skills" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('GlossaryTerm', 'glossary_terms', 'glossary_term_id');
DROP TRIGGER "profession_industries_changes" ON "profession_industries";
CREATE TRIGGER "profession_industries_changes_insert" AFTER INSERT ON "profession_industries" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Profession', 'professions', 'profession_id');
CREATE TRIGGER "profession_industries_changes_update" AFTER UPDATE ON "profession_industries" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Profession', 'professions', 'profession_id');
CREATE TRIGGER "profession_industries_changes_delete" AFTER DELETE ON "profession_industries" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Profession', 'professions', 'profession_id');
DROP TRIGGER "profession_related_professions_changes" ON "profession_related_professions";
CREATE TRIGGER "profession_related_professions_changes_insert" AFTER INSERT ON "profession_related_professions" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Profession', 'professions', 'profession_id');
CREATE TRIGGER "profession_related_professions_changes_update" AFTER UPDATE ON "profession_related_professions" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Profession', 'professions', 'profession_id');
CREATE TRIGGER "profession_related_professions_changes_delete" AFTER DELETE ON "profession_related_professions" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Profession', 'professions', 'profession_id');
DROP TRIGGER "profession_specializations_changes" ON "profession_specializations";
CREATE TRIGGER "profession_specializations_changes_insert" AFTER INSERT ON "profession_specializations" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Profession', 'professions', 'profession_id');
CREATE TRIGGER "profession_specializations_changes_update" AFTER UPDATE ON "profession_specializations" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Profession', 'professions', 'profession_id');
CREATE TRIGGER "profession_specializations_changes_delete" AFTER DELETE ON "profession_specializations" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Profession', 'professions', 'profession_id');
DROP TRIGGER "profession_skills_changes" ON "profession_skills";
CREATE TRIGGER "profession_skills_changes_insert" AFTER INSERT ON "profession_skills" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Profession', 'professions', 'profession_id');
CREATE TRIGGER "profession_skills_changes_update" AFTER UPDATE ON "profession_skills" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Profession', 'professions', 'profession_id');
CREATE TRIGGER "profession_skills_changes_delete" AFTER DELETE ON "profession_skills" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Profession', 'professions', 'profession_id');
DROP TRIGGER "skill_related_changes" ON "skill_related";
CREATE TRIGGER "skill_related_changes_insert" AFTER INSERT ON "skill_related" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Skill', 'skills', 'skill_id');
CREATE TRIGGER "skill_related_changes_update" AFTER UPDATE ON "skill_related" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Skill', 'skills', 'skill_id');
CREATE TRIGGER "skill_related_changes_delete" AFTER DELETE ON "skill_related" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Skill', 'skills', 'skill_id');
DROP TRIGGER "training_prerequisites_changes" ON "training_prerequisites";
CREATE TRIGGER "training_prerequisites_changes_insert" AFTER INSERT ON "training_prerequisites" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Training', 'trainings', 'training_id');
CREATE TRIGGER "training_prerequisites_changes_update" AFTER UPDATE ON "training_prerequisites" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Training', 'trainings', 'training_id');
CREATE TRIGGER "training_prerequisites_changes_delete" AFTER DELETE ON "training_prerequisites" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Training', 'trainings', 'training_id');
DROP TRIGGER "training_professions_changes" ON "training_professions";
CREATE TRIGGER "training_professions_changes_insert" AFTER INSERT ON "training_professions" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Training', 'trainings', 'training_id');
CREATE TRIGGER "training_professions_changes_update" AFTER UPDATE ON "training_professions" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Training', 'trainings', 'training_id');
CREATE TRIGGER "training_professions_changes_delete" AFTER DELETE ON "training_professions" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Training', 'trainings', 'training_id');
DROP TRIGGER "training_skills_changes" ON "training_skills";
CREATE TRIGGER "training_skills_changes_insert" AFTER INSERT ON "training_skills" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Training', 'trainings', 'training_id');
CREATE TRIGGER "training_skills_changes_update" AFTER UPDATE ON "training_skills" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Training', 'trainings', 'training_id');
CREATE TRIGGER "training_skills_changes_delete" AFTER DELETE ON "training_skills" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "changes_record_links"('Training', 'trainings', 'training_id');
