namespace Polls.Models;

/// <summary>The Polls database: <c>db.Questions</c>, and more as models are added; it installs Reinhardt's auth app (users, groups, permissions).</summary>
[Database(InstalledApps = new[] { typeof(Reinhardt.Auth.AuthDatabase) })]
public partial class PollsDb;
