-- reverse: create index "registration_updated_at" to table: "registrations"
DROP INDEX "registration_updated_at";
-- reverse: create index "registration_status" to table: "registrations"
DROP INDEX "registration_status";
-- reverse: create index "registration_session_id_status_created_at" to table: "registrations"
DROP INDEX "registration_session_id_status_created_at";
-- reverse: create index "registration_email" to table: "registrations"
DROP INDEX "registration_email";
-- reverse: create index "registration_created_at" to table: "registrations"
DROP INDEX "registration_created_at";
-- reverse: create "registrations" table
DROP TABLE "registrations";
-- reverse: modify "training_sessions" table
ALTER TABLE "training_sessions" DROP COLUMN "version", DROP COLUMN "updated_by", DROP COLUMN "created_by", DROP CONSTRAINT "training_sessions_seats_within_capacity";
-- reverse: create index "enquiry_updated_at" to table: "enquiries"
DROP INDEX "enquiry_updated_at";
-- reverse: create index "enquiry_training_id" to table: "enquiries"
DROP INDEX "enquiry_training_id";
-- reverse: create index "enquiry_email" to table: "enquiries"
DROP INDEX "enquiry_email";
-- reverse: create index "enquiry_created_at" to table: "enquiries"
DROP INDEX "enquiry_created_at";
-- reverse: create "enquiries" table
DROP TABLE "enquiries";
-- reverse: modify "trainings" table
ALTER TABLE "trainings" DROP COLUMN "version", DROP COLUMN "updated_by", DROP COLUMN "created_by";
-- reverse: create index "apikey_updated_at" to table: "api_keys"
DROP INDEX "apikey_updated_at";
-- reverse: create index "apikey_provider_id" to table: "api_keys"
DROP INDEX "apikey_provider_id";
-- reverse: create index "apikey_name" to table: "api_keys"
DROP INDEX "apikey_name";
-- reverse: create index "apikey_created_at" to table: "api_keys"
DROP INDEX "apikey_created_at";
-- reverse: create index "api_keys_prefix_key" to table: "api_keys"
DROP INDEX "api_keys_prefix_key";
-- reverse: create "api_keys" table
DROP TABLE "api_keys";
-- reverse: modify "providers" table
ALTER TABLE "providers" DROP COLUMN "version", DROP COLUMN "updated_by", DROP COLUMN "created_by";
-- reverse: create index "accesstoken_user_id" to table: "access_tokens"
DROP INDEX "accesstoken_user_id";
-- reverse: create index "access_tokens_token_hash_key" to table: "access_tokens"
DROP INDEX "access_tokens_token_hash_key";
-- reverse: create "access_tokens" table
DROP TABLE "access_tokens";
-- reverse: modify "authors" table
ALTER TABLE "authors" DROP COLUMN "version", DROP COLUMN "updated_by", DROP COLUMN "created_by";
-- reverse: modify "tags" table
ALTER TABLE "tags" DROP COLUMN "version", DROP COLUMN "updated_by", DROP COLUMN "created_by";
-- reverse: modify "specializations" table
ALTER TABLE "specializations" DROP COLUMN "version", DROP COLUMN "updated_by", DROP COLUMN "created_by";
-- reverse: modify "professions" table
ALTER TABLE "professions" DROP COLUMN "version", DROP COLUMN "updated_by", DROP COLUMN "created_by";
-- reverse: modify "skills" table
ALTER TABLE "skills" DROP COLUMN "version", DROP COLUMN "updated_by", DROP COLUMN "created_by";
-- reverse: create index "users_email_key" to table: "users"
DROP INDEX "users_email_key";
-- reverse: create index "user_updated_at" to table: "users"
DROP INDEX "user_updated_at";
-- reverse: create index "user_role" to table: "users"
DROP INDEX "user_role";
-- reverse: create index "user_disabled" to table: "users"
DROP INDEX "user_disabled";
-- reverse: create index "user_created_at" to table: "users"
DROP INDEX "user_created_at";
-- reverse: create "users" table
DROP TABLE "users";
-- reverse: modify "blog_categories" table
ALTER TABLE "blog_categories" DROP COLUMN "version", DROP COLUMN "updated_by", DROP COLUMN "created_by";
-- reverse: modify "profession_skills" table
ALTER TABLE "profession_skills" DROP COLUMN "version", DROP COLUMN "updated_by", DROP COLUMN "created_by";
-- reverse: modify "profession_groups" table
ALTER TABLE "profession_groups" DROP COLUMN "version", DROP COLUMN "updated_by", DROP COLUMN "created_by";
-- reverse: modify "industries" table
ALTER TABLE "industries" DROP COLUMN "version", DROP COLUMN "updated_by", DROP COLUMN "created_by";
-- reverse: modify "glossary_terms" table
ALTER TABLE "glossary_terms" DROP COLUMN "version", DROP COLUMN "updated_by", DROP COLUMN "created_by";
-- reverse: modify "blog_posts" table
ALTER TABLE "blog_posts" DROP COLUMN "version", DROP COLUMN "updated_by", DROP COLUMN "created_by";
