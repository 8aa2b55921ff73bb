"""The office's own settings; on a new database, the first-run setup (area, office, first
administrator), then the next steps."""

import streamlit as st

from geo import config, tiles, ui
from geo.ingest import areas
from geo.ops import demo
from geo.refusals import Refusal
from geo.storage import store
from geo.ui.office import area_chooser, area_preview
from geo.workflow import notices, office

ui.entrypoint_guard()
engine = ui.engine()
settings = ui.settings()

if ui.first_run():
    st.title(ui.tr("page.setup"))
    st.write(ui.tr("setup.intro"))
    st.header(ui.tr("setup.area"))
    area = area_chooser("setup_area")
    if area is not None:
        area_preview(area, key="setup_preview")
    with st.form("setup_form"):
        st.header(ui.tr("setup.office"))
        name = area.name if area is not None else ""
        issuer = st.text_input(ui.tr("setup.issuer"), value=f"{name}重点项目建设工作领导小组办公室")
        prefix = st.text_input(ui.tr("setup.prefix"), value="重点办")
        centre = areas.centre(area) if area is not None else None
        start = st.text_input(
            ui.tr("setup.tour_start"),
            help=ui.tr("setup.tour_start_help"),
            value=f"{centre[0]:.6f},{centre[1]:.6f}" if centre else "",
        )
        counties_as_zones = (
            area is not None
            and area.level == "city"
            and st.checkbox(ui.tr("setup.counties_as_zones"), value=True)
        )
        st.header(ui.tr("setup.admin"))
        admin = st.text_input(ui.tr("setup.username"), value="admin")
        password = st.text_input(ui.tr("setup.password"), type="password")
        again = st.text_input(ui.tr("setup.password_again"), type="password")
        submitted = st.form_submit_button(ui.tr("setup.submit"), type="primary")
    if submitted:
        try:
            if area is None:
                raise Refusal("choose_area")
            if password != again:
                raise Refusal("passwords_differ")
            who = office.set_up(
                engine,
                office.OfficeSetup(
                    area.code,
                    issuer,
                    prefix,
                    admin,
                    password,
                    config.parse_point(start, ui.tr("setup.tour_start")),
                    counties_as_zones,
                ),
            )
        except ValueError as exc:
            ui.refused(exc)
        else:
            ui.signed_in(who)
            ui.office_settings_changed()
            st.session_state["_setup_done"] = area.full_name
            st.rerun()
    st.divider()
    if st.button(ui.tr("setup.demo"), key="write_setup_demo"):
        demo.build_demo(engine)
        st.rerun()
    st.stop()

st.title(ui.tr("page.settings"))
done = st.session_state.pop("_setup_done", None)
if done:
    st.success(
        ui.tr(
            "setup.done",
            issuer=settings.issuer,
            area=done,
            admin=ui.principal().display_name if ui.principal() else "—",
        )
    )
    st.subheader(ui.tr("setup.next"))
    st.page_link("pages/data.py", label=ui.tr("setup.next_zones"), icon=":material/map:")
    st.page_link("pages/data.py", label=ui.tr("setup.next_ledger"), icon=":material/upload_file:")
    st.markdown(ui.tr("setup.next_accounts", anchor="#accounts"))  # our words: a link
    st.page_link("pages/overview.py", label=ui.tr("setup.next_map"), icon=":material/public:")
    st.divider()

st.caption(ui.tr("settings.intro"))
stored = store.load_office_settings(engine)
fixed = config.fixed_by_server()
st.header(ui.tr("setup.area"))
current = ui.office_area()
st.write(
    ui.tr("settings.area_current", area=current.full_name)
    if current
    else ui.tr("settings.area_none")
)
if current is not None:
    area_preview(current, key="settings_preview")
chosen_area = None
if "GEO_AREA_CODE" in fixed:
    st.caption(ui.tr("settings.fixed", name="GEO_AREA_CODE"))
else:
    with st.expander(ui.tr("settings.change_area")):
        chosen_area = area_chooser("settings_area", current.code if current else "")

CHOICES = {"GEO_TILES": tiles.CHOICES, "GEO_NOTIFY_OFF": notices.RULES}
with st.form("office_settings"):
    entered: dict[str, str] = {}
    for name in config.OFFICE_SETTINGS:
        if name == "GEO_AREA_CODE":
            continue
        label = ui.tr(f"setting.{name}")
        help_text = ui.tr(
            f"setting_help.{name}",
            example=config.example_value(name),
            choices=", ".join(CHOICES.get(name, ())),
        )
        if name in fixed:
            shown = "••••" if name in config.SECRET_SETTINGS else config.server_value(name)
            st.text_input(
                label,
                value=shown,
                disabled=True,
                help=ui.tr("settings.fixed", name=name),
                key=f"setting_{name}",
            )
            continue
        value = stored.get(name, "")
        if name in config.SECRET_SETTINGS:
            typed = st.text_input(
                label,
                type="password",
                key=f"setting_{name}",
                help=help_text,
                placeholder=ui.tr("settings.secret_set", tail=value[-4:]) if value else "",
            )
            clear = bool(value) and st.checkbox(ui.tr("settings.secret_clear"), key=f"clear_{name}")
            entered[name] = "" if clear else typed or value
        elif name == "GEO_AREA":  # 全县 / 全市 / 全区: a choice, not a word to type
            choices = ["", *config.AREAS]
            entered[name] = st.selectbox(
                label,
                choices,
                index=choices.index(value) if value in choices else 0,
                format_func=lambda a: ui.tr(f"area.{a or 'county'}"),
                key=f"setting_{name}",
                help=help_text,
            )
        else:
            default = config.default_value(name) or "—"
            entered[name] = st.text_input(
                label,
                value=value,
                key=f"setting_{name}",
                help=help_text,
                placeholder=ui.tr("settings.default", value=default),
            )
    save = st.form_submit_button(ui.tr("settings.save"), type="primary")
if save:
    if chosen_area is not None:
        entered["GEO_AREA_CODE"] = chosen_area.code
    changes = {k: v for k, v in entered.items() if v.strip() != stored.get(k, "")}
    try:
        office.check({**stored, **changes})
        saved = store.save_office_settings(engine, changes)
    except ValueError as exc:
        ui.refused(exc)
    else:
        ui.office_settings_changed()
        st.success(
            ui.tr("settings.saved", names="、".join(ui.tr(f"setting.{n}") for n in saved))
            if saved
            else ui.tr("settings.unchanged")
        )
now = ui.settings()
if office.tour_start_outside(now):
    lon, lat = now.tour_start
    st.warning(
        ui.tr(
            "settings.tour_start_outside",
            point=f"{lon:g},{lat:g}",
            area=area_now.full_name if (area_now := ui.office_area()) else "",
        )
    )

ui.accounts_section(engine)
