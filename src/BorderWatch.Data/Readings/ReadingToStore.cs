using BorderWatch.Core.Readings;

namespace BorderWatch.Data.Readings;

/// <summary>A validated reading plus who sent it.</summary>
/// <param name="Reading">The reading; its <see cref="Reading.Id"/> is ignored and assigned by the database.</param>
/// <param name="ApiKeyId">The API key that sent it, for the audit trail.</param>
/// <param name="Evidence">For readings extracted from a report: the report and what was found, stored in the same transaction.</param>
public sealed record ReadingToStore(Reading Reading, long? ApiKeyId = null, Reports.ReadingEvidence? Evidence = null);
