package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// BlogPost is an article that explains professions, skills and trainings.
type BlogPost struct{ ent.Schema }

// Mixin of the BlogPost.
func (BlogPost) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, RevisionMixin{}, SlugMixin{From: "title"}, PublicationMixin{}}
}

// Fields of the BlogPost.
func (BlogPost) Fields() []ent.Field {
	return []ent.Field{
		name("title", "TITLE", "The post's headline."),
		text("excerpt", "A short teaser for lists and previews, in plain text."),
		text("body", "The article, in Markdown."),
		field.Int("author_id").Optional().Nillable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("category_id").Optional().Nillable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the BlogPost.
func (BlogPost) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("author", Author.Type).Ref("posts").Field("author_id").Unique().
			Comment("Who wrote the post."),
		edge.From("category", BlogCategory.Type).Ref("posts").Field("category_id").Unique().
			Comment("The section of the blog the post appears in."),
		edge.To("tags", Tag.Type).
			Comment("Keywords the post is filed under.").
			Annotations(entgql.RelayConnection()),
		edge.To("professions", Profession.Type).
			Comment("Professions the post is about.").
			Annotations(entgql.RelayConnection()),
		edge.To("skills", Skill.Type).
			Comment("Skills the post is about.").
			Annotations(entgql.RelayConnection()),
		edge.To("trainings", Training.Type).
			Comment("Trainings the post mentions.").
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the BlogPost.
func (BlogPost) Indexes() []ent.Index {
	return []ent.Index{index.Fields("title"), index.Fields("author_id"), index.Fields("category_id")}
}

// Annotations of the BlogPost.
func (BlogPost) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("An article that explains professions, skills and trainings."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("The blog's posts."),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Author is a person who writes for the blog.
type Author struct{ ent.Schema }

// Mixin of the Author.
func (Author) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, RevisionMixin{}, SlugMixin{From: "name"}}
}

// Fields of the Author.
func (Author) Fields() []ent.Field {
	return []ent.Field{
		name("name", "NAME", "The author's name as printed on posts."),
		text("bio", "A few sentences about the author."),
	}
}

// Edges of the Author.
func (Author) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("posts", BlogPost.Type).
			Comment("The posts this author wrote.").
			Annotations(entgql.RelayConnection(), inverseEdge),
	}
}

// Indexes of the Author.
func (Author) Indexes() []ent.Index { return []ent.Index{index.Fields("name")} }

// Annotations of the Author.
func (Author) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A person who writes for the blog."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("People who write for the blog."),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// BlogCategory is a section of the blog, e.g. General.
type BlogCategory struct{ ent.Schema }

// Mixin of the BlogCategory.
func (BlogCategory) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, RevisionMixin{}, SlugMixin{From: "name"}}
}

// Fields of the BlogCategory.
func (BlogCategory) Fields() []ent.Field {
	return []ent.Field{
		name("name", "NAME", "The category's name."),
		text("description", "What posts in this category are about."),
	}
}

// Edges of the BlogCategory.
func (BlogCategory) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("posts", BlogPost.Type).
			Comment("The posts in this category.").
			Annotations(entgql.RelayConnection(), inverseEdge),
	}
}

// Indexes of the BlogCategory.
func (BlogCategory) Indexes() []ent.Index { return []ent.Index{index.Fields("name")} }

// Annotations of the BlogCategory.
func (BlogCategory) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A section of the blog, such as General."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Sections of the blog."),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Tag is a keyword blog posts are filed under.
type Tag struct{ ent.Schema }

// Mixin of the Tag.
func (Tag) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, RevisionMixin{}, SlugMixin{From: "name"}}
}

// Fields of the Tag.
func (Tag) Fields() []ent.Field {
	return []ent.Field{name("name", "NAME", "The tag as shown to readers.")}
}

// Edges of the Tag.
func (Tag) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("posts", BlogPost.Type).Ref("tags").
			Comment("The posts filed under this tag.").
			Annotations(entgql.RelayConnection(), inverseEdge),
	}
}

// Indexes of the Tag.
func (Tag) Indexes() []ent.Index { return []ent.Index{index.Fields("name")} }

// Annotations of the Tag.
func (Tag) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A keyword blog posts are filed under."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Keywords blog posts are filed under."),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
