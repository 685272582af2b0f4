using Polls;
using Polls.Models;
using Reinhardt.Management;

// The binary is its own manage.py: no command serves; `Polls migrate`, `Polls makemigrations`...
return await ManagementCommands.RunAsync<PollsDb>(args, PollsApp.Build, PollsApp.Management);
