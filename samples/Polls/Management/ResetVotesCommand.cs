using System.Globalization;
using Polls.Models;
using Reinhardt.Management;

namespace Polls.Management;

/// <summary>An app-defined command, like the <c>closepoll</c> example of Django's documentation: <c>Polls resetvotes 1 2</c>.</summary>
[Command("resetvotes", Description = "Sets the votes of the given polls back to zero.")]
public sealed class ResetVotesCommand(PollsDb database) : IManagementCommand
{
    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        foreach (var argument in arguments)
        {
            if (!long.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ||
                !await database.Questions.Filter(q => q.Id == id).ExistsAsync(cancellationToken))
            {
                await output.WriteLineAsync($"Poll \"{argument}\" does not exist");
                return 1;
            }

            await database.Choices.Filter(c => c.QuestionId == id).UpdateAsync(c => c.Votes.Set(0), cancellationToken);
            await output.WriteLineAsync($"Successfully reset votes of poll \"{id}\"");
        }

        return 0;
    }
}
