package auth

import (
	"context"
	"fmt"
	"time"

	"careergraph/ent"
	"careergraph/ent/accesstoken"
	"careergraph/ent/schema/enum"
	"careergraph/ent/user"
	"careergraph/internal/access"
	"careergraph/internal/apierr"
)

// Managing staff accounts, sessions and keys. Every method takes the client to write with (a
// transaction's, in the API) and the context of whoever acts; the privacy policies decide whether
// they may (administrators and the command line for accounts and keys, each staff member for their
// own password and sessions). Every change writes an audit event in the same client.

// signedIn returns the viewer of ctx when it is a signed-in staff member: UNAUTHENTICATED for an
// anonymous caller, FORBIDDEN for a key (keys have no password and no sessions).
func signedIn(ctx context.Context, what string) (access.Viewer, error) {
	switch v := access.FromContext(ctx); v.Kind {
	case access.User:
		return v, nil
	case access.Anonymous:
		return v, apierr.New(apierr.Unauthenticated, "sign in to %s", what)
	default:
		return v, apierr.New(apierr.Forbidden, "only a signed-in staff member can %s", what)
	}
}

// MaxRotationOverlap is the longest time a rotated key's old secret may keep working.
const MaxRotationOverlap = 30 * 24 * time.Hour

// UserByEmail finds a staff account by its e-mail address (any case), for the command line.
func (s *Service) UserByEmail(ctx context.Context, c *ent.Client, email string) (*ent.User, error) {
	u, err := c.User.Query().Where(user.Email(normaliseEmail(email))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.New(apierr.NotFound, "no staff account has the e-mail address %q", email)
	}
	return u, err
}

// SetDisabled disables or re-enables a staff account. Disabling ends every session of the
// account at once; re-enabling brings none back.
func (s *Service) SetDisabled(ctx context.Context, c *ent.Client, id int, disabled bool) (*ent.User, error) {
	u, err := c.User.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if u.Disabled == disabled {
		return u, nil
	}
	action := enum.UserEnabled
	if disabled {
		action = enum.UserDisabled
		if err := s.keepAnAdmin(ctx, c, u, "disable"); err != nil {
			return nil, err
		}
		if err := s.endSessions(ctx, c, u.ID, ""); err != nil {
			return nil, err
		}
	}
	if u, err = c.User.UpdateOne(u).SetDisabled(disabled).Save(ctx); err != nil {
		return nil, err
	}
	return u, s.record(ctx, c, userEvent(action, u, ""))
}

// SetRole changes a staff member's role.
func (s *Service) SetRole(ctx context.Context, c *ent.Client, id int, role enum.Role) (*ent.User, error) {
	if role != enum.Admin && role != enum.Editor {
		return nil, apierr.Invalid("role", "the role must be ADMIN or EDITOR")
	}
	u, err := c.User.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if u.Role == role {
		return u, nil
	}
	if role != enum.Admin {
		if err := s.keepAnAdmin(ctx, c, u, "make an editor of"); err != nil {
			return nil, err
		}
	}
	before := u.Role
	if u, err = c.User.UpdateOne(u).SetRole(role).Save(ctx); err != nil {
		return nil, err
	}
	return u, s.record(ctx, c, userEvent(enum.RoleChanged, u, fmt.Sprintf("role %s → %s", before, role)))
}

// DeleteUser deletes a staff account and its sessions. Nothing else is lost: the catalogue does
// not point at staff accounts, API keys the member created keep working (and keep "user:ID" as
// their creator), and audit events keep the member's e-mail address as it was.
func (s *Service) DeleteUser(ctx context.Context, c *ent.Client, id int) (*ent.User, error) {
	u, err := c.User.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.keepAnAdmin(ctx, c, u, "delete"); err != nil {
		return nil, err
	}
	if _, err := c.AccessToken.Delete().Where(accesstoken.UserID(u.ID)).Exec(access.AsSystem(ctx)); err != nil {
		return nil, fmt.Errorf("deleting the sessions: %w", err)
	}
	if err := c.User.DeleteOne(u).Exec(ctx); err != nil {
		return nil, err
	}
	return u, s.record(ctx, c, userEvent(enum.UserDeleted, u, ""))
}

// ResetPassword sets a staff member's password (an administrator's or the command line's doing)
// and ends the member's sessions.
func (s *Service) ResetPassword(ctx context.Context, c *ent.Client, id int, password string) (*ent.User, error) {
	if err := checkPassword("password", password); err != nil {
		return nil, err
	}
	u, err := c.User.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	hash, err := s.hasher.hash(ctx, password)
	if err != nil {
		return nil, err
	}
	if u, err = c.User.UpdateOne(u).SetPasswordHash(hash).Save(ctx); err != nil {
		return nil, err
	}
	if err := s.endSessions(ctx, c, u.ID, ""); err != nil {
		return nil, err
	}
	return u, s.record(ctx, c, userEvent(enum.PasswordReset, u, ""))
}

// ChangePassword changes the signed-in staff member's own password, given the current one, and
// ends the member's other sessions (the one of this request goes on). A wrong current password
// spends a sign-in attempt of the account, as signing in would: it is no way around the budget.
func (s *Service) ChangePassword(ctx context.Context, c *ent.Client, current, next string) error {
	v, err := signedIn(ctx, "change your password")
	if err != nil {
		return err
	}
	if err := checkPassword("newPassword", next); err != nil {
		return err
	}
	sys := access.AsSystem(ctx)
	u, err := c.User.Get(sys, v.UserID)
	if err != nil {
		return err
	}
	if err := s.spendAttempt(ctx, u.Email); err != nil {
		return err
	}
	ok, err := s.hasher.check(ctx, u.PasswordHash, current)
	if err != nil && ctx.Err() != nil {
		return err
	}
	if err != nil || !ok {
		return apierr.Invalid("currentPassword", "the current password is wrong")
	}
	hash, err := s.hasher.hash(ctx, next)
	if err != nil {
		return err
	}
	if err := c.User.UpdateOne(u).SetPasswordHash(hash).Exec(sys); err != nil {
		return err
	}
	if err := s.endSessions(ctx, c, u.ID, TokenFromContext(ctx)); err != nil {
		return err
	}
	return s.record(ctx, c, userEvent(enum.PasswordChanged, u, ""))
}

// Sessions returns the query of the signed-in staff member's sessions that still work, newest
// first.
func (s *Service) Sessions(ctx context.Context, c *ent.Client) (*ent.AccessTokenQuery, error) {
	v, err := signedIn(ctx, "see your sessions")
	if err != nil {
		return nil, err
	}
	return c.AccessToken.Query().Where(accesstoken.UserID(v.UserID), accesstoken.RevokedAtIsNil(),
		accesstoken.ExpiresAtGT(s.now())), nil
}

// IsCurrent reports whether t is the session of the request in ctx.
func IsCurrent(ctx context.Context, t *ent.AccessToken) bool {
	token := TokenFromContext(ctx)
	return token != "" && string(digest(token)) == string(t.TokenHash)
}

// EndSession ends one of the signed-in staff member's own sessions at once. Another member's
// session is NOT_FOUND, as if it did not exist.
func (s *Service) EndSession(ctx context.Context, c *ent.Client, id int) error {
	v, err := signedIn(ctx, "end a session")
	if err != nil {
		return err
	}
	sys := access.AsSystem(ctx)
	n, err := c.AccessToken.Update().Where(accesstoken.ID(id), accesstoken.UserID(v.UserID), accesstoken.RevokedAtIsNil()).
		SetRevokedAt(s.now()).Save(sys)
	if err != nil {
		return err
	}
	if n == 0 {
		return apierr.New(apierr.NotFound, "you have no open session with this ID")
	}
	u, err := c.User.Get(sys, v.UserID)
	if err != nil {
		return err
	}
	return s.record(ctx, c, auditEvent{Action: enum.SessionEnded, TargetType: "AccessToken", TargetID: id, TargetName: u.Email})
}

// endSessions revokes every open session of a user but the one of token (none when empty).
func (s *Service) endSessions(ctx context.Context, c *ent.Client, userID int, keep string) error {
	q := c.AccessToken.Update().Where(accesstoken.UserID(userID), accesstoken.RevokedAtIsNil())
	if keep != "" {
		q.Where(accesstoken.TokenHashNEQ(digest(keep)))
	}
	if _, err := q.SetRevokedAt(s.now()).Save(access.AsSystem(ctx)); err != nil {
		return fmt.Errorf("ending the sessions: %w", err)
	}
	return nil
}

// keepAnAdmin refuses to take away the last enabled administrator, who alone could undo it.
func (s *Service) keepAnAdmin(ctx context.Context, c *ent.Client, u *ent.User, what string) error {
	if u.Role != enum.Admin || u.Disabled {
		return nil
	}
	others, err := c.User.Query().Where(user.RoleEQ(enum.Admin), user.Disabled(false), user.IDNEQ(u.ID)).Exist(ctx)
	if err != nil {
		return err
	}
	if !others {
		return apierr.New(apierr.Conflict, "%s is the last enabled administrator: make another administrator before you %s this one", u.Email, what)
	}
	return nil
}

// RotateKey gives an API key a new secret and keeps its name, prefix, scopes, provider, rate
// limit and expiry. The old secret keeps working for overlap (at most MaxRotationOverlap), so
// that the partner can deploy the new one; a second rotation ends the first one's overlap.
func (s *Service) RotateKey(ctx context.Context, c *ent.Client, id int, overlap time.Duration) (string, *ent.APIKey, error) {
	if overlap < 0 || overlap > MaxRotationOverlap {
		return "", nil, apierr.Invalid("overlapHours", "the overlap must be between 0 and %d hours", int(MaxRotationOverlap/time.Hour))
	}
	k, err := c.APIKey.Get(ctx, id)
	if err != nil {
		return "", nil, err
	}
	now := s.now()
	if k.RevokedAt != nil {
		return "", nil, apierr.New(apierr.Conflict, "the key %q was revoked: create a new key instead", k.Name)
	}
	if k.ExpiresAt != nil && !now.Before(*k.ExpiresAt) {
		return "", nil, apierr.New(apierr.Conflict, "the key %q has expired: create a new key instead", k.Name)
	}
	key := keyPrefix + k.Prefix + "_" + randomHex(32)
	until := now.Add(overlap)
	k, err = c.APIKey.UpdateOne(k).SetSecretHash(digest(key)).SetPreviousSecretHash(k.SecretHash).
		SetPreviousSecretExpiresAt(until).SetRotatedAt(now).Save(ctx)
	if err != nil {
		return "", nil, err
	}
	detail := "the old secret stopped working at once"
	if overlap > 0 {
		detail = "the old secret works until " + until.UTC().Format("2006-01-02 15:04 UTC")
	}
	return key, k, s.record(ctx, c, keyEvent(enum.KeyRotated, k, detail))
}

func checkPassword(field, password string) error {
	if len(password) < MinPasswordLength {
		return apierr.Invalid(field, "a password needs at least %d characters", MinPasswordLength)
	}
	return nil
}
