using Polls;

await PollsApp.Build(args).RunAsync();
