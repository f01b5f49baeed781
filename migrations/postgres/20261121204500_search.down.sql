DROP INDEX "skills_search_names";
DROP INDEX "professions_search_names";
DROP INDEX "glossary_terms_search_words";
DROP INDEX "blog_posts_search_words";
DROP INDEX "trainings_search_words";
DROP INDEX "skills_search_words";
DROP INDEX "professions_search_words";
