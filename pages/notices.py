"""Notices pushed to the units' work groups and mailboxes: the channels, a test message, and
the outbox (what was sent to whom and when, and what keeps failing, with the reason)."""

import streamlit as st

from geo import formatting, ui
from geo.refusals import Refusal
from geo.workflow import channels, notify, outbox

ui.entrypoint_guard()
engine = ui.engine()
settings = ui.settings()
st.title(ui.tr("page.notices"))
st.caption(ui.tr("notices.intro", command="python -m geo notify --send-due"))

# ---------------------------------------------------------------- what needs the office
frame = outbox.outbox_frame(engine)
stuck = frame[frame["status"].isin(("failed", "uncertain"))]
if len(stuck):
    st.error(ui.tr("notices.stuck", n=len(stuck)), icon=":material/error:")
    for row in stuck.head(20).to_dict("records"):
        left, right = st.columns([5, 1])
        left.markdown(ui.md(f"#{row['id']} · {row['channel']} · {row['subject']}"))
        status = ui.tr(f"notices.status.{row['status']}")
        left.caption(ui.md(f"{status}：{channels.reason(row['last_error'], ui.lang())}"))
        if right.button(ui.tr("notices.send_again"), key=f"write_again_{row['id']}"):
            outbox.send_again(engine, int(row["id"]))
            st.rerun()

# ---------------------------------------------------------------- the outbox
st.header(ui.tr("notices.outbox"))
counts = frame["status"].value_counts().to_dict() if len(frame) else {}
st.caption(
    " · ".join(
        f"{ui.tr(f'notices.status.{s}')} {counts.get(s, 0)}"
        for s in ("pending", "sent", "failed", "uncertain")
    )
)
shown = (
    frame.assign(
        created_at=[formatting.beijing_time(t) for t in frame["created_at"]],
        sent_at=[formatting.beijing_time(t) for t in frame["sent_at"]],
        status=[ui.tr(f"notices.status.{s}") for s in frame["status"]],
        rule=[ui.tr(f"notices.rule.{r}") for r in frame["rule"]],
        kind=[ui.tr(f"notices.kind.{k}") for k in frame["kind"]],
    )
    .drop(columns=["body"])
    .rename(columns={c: ui.tr(f"notices.col.{c}") for c in frame.columns})
)
ui.table(shown, empty=ui.tr("notices.none"))
with st.expander(ui.tr("notices.read_one")):
    if len(frame):
        chosen = st.selectbox(
            ui.tr("notices.col.subject"),
            frame["id"].tolist(),
            format_func=lambda i: f"#{i} {frame.set_index('id').at[i, 'subject']}",
        )
        st.text(frame.set_index("id").at[chosen, "body"])
        attempts = outbox.attempts_of(engine, int(chosen))
        ui.table(
            attempts.assign(at=[formatting.beijing_time(t) for t in attempts["at"]]).rename(
                columns={c: ui.tr(f"notices.attempt.{c}") for c in ("at", "ok", "answer")}
            )
        )

# ---------------------------------------------------------------- channels
st.header(ui.tr("notices.channels"))
# Adding first: a channel just added is in the table and can be tested in the same run.
with st.expander(ui.tr("notices.add_channel")), st.form("channel_form"):
    name = st.text_input(ui.tr("notices.channel_name"))
    kind = st.selectbox(
        ui.tr("notices.col.kind"), channels.KINDS, format_func=lambda k: ui.tr(f"notices.kind.{k}")
    )
    audience_kind = st.selectbox(
        ui.tr("notices.audience_kind"),
        channels.AUDIENCES,
        format_func=lambda a: ui.tr(f"notices.audience.{a}"),
    )
    audience = st.text_input(ui.tr("notices.audience"), help=ui.tr("notices.audience_help"))
    address = st.text_input(ui.tr("notices.address"), help=ui.tr("notices.address_help"))
    secret = st.text_input(
        ui.tr("notices.secret"), type="password", help=ui.tr("notices.secret_help")
    )
    if st.form_submit_button(ui.tr("notices.add"), type="primary"):
        try:
            made = outbox.add_channel(engine, name, kind, audience_kind, audience, address, secret)
        except (Refusal, ValueError) as exc:
            ui.refused(exc)
        else:
            st.success(ui.tr("notices.added", name=made.name))
known = outbox.list_channels(engine)
ui.table(
    [
        {
            ui.tr("notices.col.channel"): c.name,
            ui.tr("notices.col.kind"): ui.tr(f"notices.kind.{c.kind}"),
            ui.tr("notices.audience_kind"): ui.tr(f"notices.audience.{c.audience_kind}"),
            ui.tr("notices.audience"): c.audience or "—",
            ui.tr("notices.address"): c.address,
        }
        for c in known
    ],
    empty=ui.tr("notices.no_channels"),
)
if known:
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    target = left.selectbox(
        ui.tr("notices.test_channel"), [c.name for c in known], key="test_channel"
    )
    if right.button(ui.tr("notices.send_test"), key="write_test"):
        answer = notify.send_test(engine, settings, outbox.channel_named(engine, target))
        (st.success if answer.ok else st.error)(
            ui.md(ui.tr("notices.test_said", answer=answer.said))
        )
st.caption(ui.tr("notices.how_it_runs"))
