namespace Functional.Domain.Data;

/// <summary>A CSV file to train on (<c>--data</c>), its columns chosen and checked against its header.</summary>
public sealed record TableSource(string Path, TableColumns Columns);
