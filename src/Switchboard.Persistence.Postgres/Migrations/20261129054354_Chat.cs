using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Switchboard.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Chat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chat_conversations",
                columns: table => new
                {
                    contact = table.Column<Guid>(type: "uuid", nullable: false),
                    widget = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    client = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    domain = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    queue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    customer_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    topic = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created = table.Column<long>(type: "bigint", nullable: false),
                    ended = table.Column<long>(type: "bigint", nullable: true),
                    customer_received_up_to = table.Column<long>(type: "bigint", nullable: false),
                    agent_received_up_to = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chat_conversations", x => x.contact);
                });

            migrationBuilder.CreateTable(
                name: "chat_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    conversation = table.Column<Guid>(type: "uuid", nullable: false),
                    client = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<long>(type: "bigint", nullable: false),
                    sender = table.Column<int>(type: "integer", nullable: false),
                    agent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    client_message_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chat_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "chat_widgets",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    client = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    origins = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    topics = table.Column<string>(type: "text", nullable: false),
                    languages = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    callback_offer_after = table.Column<long>(type: "bigint", nullable: true),
                    created = table.Column<long>(type: "bigint", nullable: false),
                    updated = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chat_widgets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "email_follow_ups",
                columns: table => new
                {
                    contact = table.Column<Guid>(type: "uuid", nullable: false),
                    client = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    conversation = table.Column<Guid>(type: "uuid", nullable: false),
                    email_address = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    question = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_email_follow_ups", x => x.contact);
                });

            migrationBuilder.CreateTable(
                name: "survey_answers",
                columns: table => new
                {
                    contact = table.Column<Guid>(type: "uuid", nullable: false),
                    client = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    queue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    channel = table.Column<int>(type: "integer", nullable: false),
                    agent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    answered = table.Column<long>(type: "bigint", nullable: false),
                    satisfaction = table.Column<int>(type: "integer", nullable: false),
                    resolved = table.Column<bool>(type: "boolean", nullable: false),
                    comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_answers", x => x.contact);
                });

            migrationBuilder.CreateIndex(
                name: "ix_chat_conversations_client_created",
                table: "chat_conversations",
                columns: new[] { "client", "created" });

            migrationBuilder.CreateIndex(
                name: "ix_chat_conversations_token_hash",
                table: "chat_conversations",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_chat_messages_conversation_sender_client_message_id",
                table: "chat_messages",
                columns: new[] { "conversation", "sender", "client_message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_chat_messages_conversation_sequence",
                table: "chat_messages",
                columns: new[] { "conversation", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_chat_widgets_client",
                table: "chat_widgets",
                column: "client");

            migrationBuilder.CreateIndex(
                name: "ix_email_follow_ups_conversation",
                table: "email_follow_ups",
                column: "conversation");

            migrationBuilder.CreateIndex(
                name: "ix_survey_answers_client_answered",
                table: "survey_answers",
                columns: new[] { "client", "answered" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chat_conversations");

            migrationBuilder.DropTable(
                name: "chat_messages");

            migrationBuilder.DropTable(
                name: "chat_widgets");

            migrationBuilder.DropTable(
                name: "email_follow_ups");

            migrationBuilder.DropTable(
                name: "survey_answers");
        }
    }
}
