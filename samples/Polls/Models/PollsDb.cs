namespace Polls.Models;

/// <summary>The Polls database: <c>db.Questions</c>, and more as models are added.</summary>
[Database]
public partial class PollsDb;
