using Bench;

// The TechEmpower test types: /plaintext, /json, /db, /queries, /fortunes, /updates (BenchApp).
var app = BenchApp.Build(args);
await app.RunAsync();
