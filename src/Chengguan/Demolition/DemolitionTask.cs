using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Demolition;

public enum TaskIssuer
{
    City,
    District,
}

/// <summary>A task batch (任务批次) from the city or the district: targets per street and a deadline; ledger items attach to it.</summary>
public sealed class DemolitionTask
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public TaskIssuer Issuer { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly Deadline { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public List<TaskTarget> Targets { get; set; } = [];
}

public sealed class TaskTarget
{
    public Guid TaskId { get; set; }
    public Guid StreetId { get; set; }
    public double TargetArea { get; set; }
    public int TargetCount { get; set; }
}

/// <summary>The three-year plan (三年工作计划): yearly targets per street.</summary>
public sealed class DemolitionPlan
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public int FirstYear { get; set; }
    public int LastYear { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<PlanTarget> Targets { get; set; } = [];
}

public sealed class PlanTarget
{
    public Guid PlanId { get; set; }
    public int Year { get; set; }
    public Guid StreetId { get; set; }
    public double TargetArea { get; set; }
    public int TargetCount { get; set; }
}

public enum CreationLevel
{
    /// <summary>无违建居村</summary>
    Community,

    /// <summary>无违建街镇</summary>
    Street,
}

public enum CreationState
{
    Declared,
    Passed,
    Failed,
}

/// <summary>A "no illegal building" creation (无违建居村/街镇创建) of one community or street for one year.</summary>
public sealed class NoIllegalBuildingCreation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public CreationLevel Level { get; set; }
    public int Year { get; set; }
    public CreationState State { get; set; }
    public DateTimeOffset DeclaredAt { get; set; }
    public DateTimeOffset? AssessedAt { get; set; }
    public string? AssessedBy { get; set; }
    public string? CriteriaJson { get; set; }
}

internal sealed class DemolitionTaskConfigurations :
    IEntityTypeConfiguration<DemolitionTask>, IEntityTypeConfiguration<TaskTarget>, IEntityTypeConfiguration<DemolitionPlan>,
    IEntityTypeConfiguration<PlanTarget>, IEntityTypeConfiguration<NoIllegalBuildingCreation>
{
    public void Configure(EntityTypeBuilder<DemolitionTask> b)
    {
        b.ToTable("demolition_tasks");
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Note).HasMaxLength(1000);
        b.Property(t => t.CreatedBy).HasMaxLength(100);
        b.HasIndex(t => t.Name).IsUnique();
        b.HasMany(t => t.Targets).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<TaskTarget> b)
    {
        b.ToTable("demolition_task_targets");
        b.HasKey(x => new { x.TaskId, x.StreetId });
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<DemolitionPlan> b)
    {
        b.ToTable("demolition_plans");
        b.Property(p => p.Name).HasMaxLength(100);
        b.HasIndex(p => p.Name).IsUnique();
        b.HasMany(p => p.Targets).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PlanTarget> b)
    {
        b.ToTable("demolition_plan_targets");
        b.HasKey(x => new { x.PlanId, x.Year, x.StreetId });
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<NoIllegalBuildingCreation> b)
    {
        b.ToTable("demolition_creations");
        b.Property(c => c.AssessedBy).HasMaxLength(100);
        b.Property(c => c.CriteriaJson).HasMaxLength(4000);
        b.HasIndex(c => new { c.UnitId, c.Year }).IsUnique();
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
