using Chengguan.Evidence;
using Chengguan.Organisation;
using Chengguan.Ui.Components;

namespace Chengguan.Cases;

/// <summary>A case on the workbench: what it is, its running clocks and what this user may do with it now.</summary>
public sealed record WorkItem(
    Guid Id, string Number, CaseRoute Route, CaseChannel Channel, string? ExternalNumber, CaseState State, Urgency Urgency, string Description,
    string? Address, string? GridCode, Guid? GridId, string? UnitName, DateTimeOffset ReportedAt, int Version, IReadOnlyList<ClockView> Clocks, IReadOnlyList<CaseAction> Actions,
    double? Lon, double? Lat, string? CategoryCode = null, string? ConditionCode = null);

/// <summary>A unit a case may be sent to; <see cref="Suggested"/> when it answers for the case's grid.</summary>
public sealed record UnitOption(Guid Id, string Name, UnitKind Kind, bool Suggested);

/// <summary>An officer of such a unit; <see cref="OnGrid"/> when assigned to the case's grid.</summary>
public sealed record OfficerOption(Guid PersonId, string Name, Guid UnitId, bool OnGrid);

/// <summary>Everything the console's detail page shows: the API's detail, the unit names, the evidence and the actions offered there.</summary>
/// <see cref="CategoryName"/> and <see cref="ConditionText"/> name the codes; <see cref="ActorNames"/> are the timeline's people by line (Seq).
public sealed record CaseView(CaseDetail Detail, string? StreetName, string? UnitName, EvidenceList Evidence, IReadOnlyList<CaseAction> Actions, Guid? GridId,
    string? CategoryName = null, string? ConditionText = null, IReadOnlyDictionary<int, string>? ActorNames = null);

/// <summary>A small class of the current dictionary, for pickers: "event:0503" 占道经营 (街面秩序).</summary>
public sealed record CategoryChoice(string Code, string Name, string BigName);

/// <summary>The report form's category pickers: every small class, and the few offered as one-tap choices.</summary>
public sealed record ReportChoices(IReadOnlyList<CategoryChoice> All, IReadOnlyList<CategoryChoice> Common);
