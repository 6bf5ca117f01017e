using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Switchboard.Persistence;

/// <summary>Names every table, column, key and index in snake_case, so hand-written SQL (the event append, reports)
/// reads the same on SQLite and PostgreSQL without quoting.</summary>
internal static class SnakeCase
{
    public static void Apply(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is not null && table.StartsWith("AspNet", StringComparison.Ordinal))
            {
                entity.SetTableName(Convert(table));
            }

            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(Convert(property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(Convert(key.GetName() ?? ""));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(Convert(foreignKey.GetConstraintName() ?? ""));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(Convert(index.GetDatabaseName() ?? ""));
            }
        }
    }

    public static string Convert(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    result.Append('_');
                }

                result.Append(char.ToLowerInvariant(c));
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}
