"""First run, sign-in and the screen lock, driven as a user would drive them."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from model.people import keyseal, profiles
from model.people.profiles import Role
from tests.conftest import PASSWORD
from ui.dialogs.first_run import FirstRunDialog
from ui.dialogs.lock import IdleWatcher, LockOverlay
from ui.dialogs.login import LoginDialog


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# -- first run -------------------------------------------------------------

@pytest.fixture
def first_run(qtbot, services):
    dialog = FirstRunDialog(services)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def _fill(qtbot, dialog, password="abcd1234", repeat="abcd1234"):
    dialog.name_edit.setText("张三")  # QTest can only type ASCII keys
    qtbot.keyClicks(dialog.staff_no_edit, "A01")
    dialog.organisation_edit.setText("督查一组")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.AUDITOR.value))
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.keyClicks(dialog.repeat_edit, repeat)


def test_first_run_ok_waits_for_the_required_fields(qtbot, first_run):
    assert not first_run.ok_button.isEnabled()
    first_run.name_edit.setText("张三")
    qtbot.keyClicks(first_run.staff_no_edit, "A01")
    qtbot.keyClicks(first_run.password_edit, "abcd")
    assert not first_run.ok_button.isEnabled()
    qtbot.keyClicks(first_run.repeat_edit, "abcd")
    assert not first_run.ok_button.isEnabled()  # the role is chosen, never assumed
    first_run.role_combo.setCurrentIndex(first_run.role_combo.findData(Role.AUDITOR.value))
    assert first_run.ok_button.isEnabled()
    assert first_run.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert first_run.repeat_edit.echoMode() == QLineEdit.EchoMode.Password


def test_first_run_mismatched_passwords_keep_the_dialog_open(qtbot, first_run, services):
    _fill(qtbot, first_run, repeat="abcd1235")
    _click(qtbot, first_run.ok_button)
    assert first_run.isVisible()
    assert first_run.error_label.isVisible() and first_run.error_label.text()
    assert services.people.all() == [] and services.user is None


def test_first_run_shows_the_models_validation_message(qtbot, first_run, services):
    _fill(qtbot, first_run, password="abcd123", repeat="abcd123")
    _click(qtbot, first_run.ok_button)
    prefix = first_run.tr("Could not create the profile: %1").split("%1")[0]
    assert first_run.isVisible()
    assert first_run.error_label.text().startswith(prefix)
    assert "at least 8 characters" in first_run.error_label.text()
    assert services.people.all() == []


def test_first_run_creates_the_profile_and_signs_in(qtbot, first_run, services):
    _fill(qtbot, first_run)
    with qtbot.waitSignal(first_run.accepted, timeout=5000):
        _click(qtbot, first_run.ok_button)
    (profile,) = services.people.all()
    assert (profile.name, profile.staff_no, profile.organisation, profile.role) == (
        "张三", "A01", "督查一组", Role.AUDITOR)
    assert services.user == profile
    assert first_run.wants_demo() is False  # the demo city only when asked for


def test_first_run_demo_is_optional(qtbot, first_run):
    _fill(qtbot, first_run)
    first_run.demo_check.setChecked(True)
    _click(qtbot, first_run.ok_button)
    assert first_run.result() == QDialog.DialogCode.Accepted
    assert first_run.wants_demo() is True


# -- login -----------------------------------------------------------------

@pytest.fixture
def login(qtbot, auditor_services):
    dialog = LoginDialog(auditor_services)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def _choose(dialog, staff_no):
    index = next(i for i in range(dialog.profile_combo.count())
                 if staff_no in dialog.profile_combo.itemText(i))
    dialog.profile_combo.setCurrentIndex(index)


def test_login_lists_profiles_and_preselects_the_last_user(qtbot, login, auditor_services):
    texts = [login.profile_combo.itemText(i) for i in range(login.profile_combo.count())]
    assert len(texts) == 2 and texts[0].startswith("王建国") and "O01" in texts[0]
    assert "李明" in login.profile_combo.currentText()  # signed in last, listed second
    auditor_services.login("O01", PASSWORD)
    again = LoginDialog(auditor_services)
    qtbot.addWidget(again)
    assert "王建国" in again.profile_combo.currentText()


def test_login_wrong_password_says_so_and_stays_open(qtbot, login, auditor_services):
    _choose(login, "O01")
    qtbot.keyClicks(login.password_edit, "wrong")
    _click(qtbot, login.ok_button)
    assert login.isVisible() and login.profile() is None
    assert login.error_label.isVisible()
    assert login.error_label.text() == login.tr("Wrong password.")
    assert login.password_edit.text() == ""
    assert login.focusWidget() is login.password_edit
    assert auditor_services.user.staff_no == "A07"


def test_login_enter_signs_in_with_the_right_password(qtbot, login, auditor_services):
    _choose(login, "O01")
    qtbot.keyClicks(login.password_edit, PASSWORD)
    with qtbot.waitSignal(login.accepted, timeout=5000):
        qtbot.keyClick(login.password_edit, Qt.Key.Key_Return)
    assert login.profile().staff_no == "O01"
    assert auditor_services.user == login.profile()


# -- a password from before the 8-character minimum -----------------------

OLD_SHORT, NEW_PASSWORD = "abcd", "a-better-password"


@pytest.fixture
def short_password_login(qtbot, auditor_services):
    """The login dialog over a store where A07 still has a 4-character password and a key."""
    store = auditor_services.store
    auditor_services.credentials.request(PASSWORD)
    with store.atomic() as db:  # as an older CivicAudit left it
        db.execute("UPDATE profile SET password_hash = ? WHERE staff_no = 'A07'",
                   [profiles.hash_password(OLD_SHORT)])
        stored = db.execute("SELECT key_pem FROM credential").fetchone()[0]
        private, begin, public = stored.partition(b"-----BEGIN PUBLIC KEY-----")
        key = keyseal.unseal(private, PASSWORD, "k")
        db.execute("UPDATE credential SET key_pem = ?",
                   [keyseal.seal(key, OLD_SHORT) + begin + public])
    dialog = LoginDialog(auditor_services)
    qtbot.addWidget(dialog)
    dialog.open()
    _choose(dialog, "A07")
    qtbot.keyClicks(dialog.password_edit, OLD_SHORT)
    _click(qtbot, dialog.ok_button)
    return dialog


def _private_key_blob(store) -> bytes:
    stored = store.db.execute("SELECT key_pem FROM credential").fetchone()[0]
    return stored.partition(b"-----BEGIN PUBLIC KEY-----")[0]


def test_a_short_old_password_asks_for_a_new_one_twice(qtbot, short_password_login,
                                                       auditor_services):
    login = short_password_login
    change = login.change_dialog
    assert change is not None and change.isVisible() and login.isVisible()
    assert login.result() != QDialog.DialogCode.Accepted and login.profile() is None
    assert "8" in change.intro_label.text()
    assert change.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert change.repeat_edit.echoMode() == QLineEdit.EchoMode.Password

    qtbot.keyClicks(change.password_edit, NEW_PASSWORD)
    qtbot.keyClicks(change.repeat_edit, NEW_PASSWORD + "x")
    _click(qtbot, change.ok_button)
    assert change.isVisible() and change.error_label.text() == change.tr(
        "The two passwords are not the same.")
    qtbot.keyClicks(change.password_edit, "short")
    qtbot.keyClicks(change.repeat_edit, "short")
    _click(qtbot, change.ok_button)
    assert change.isVisible() and "8" in change.error_label.text()

    qtbot.keyClicks(change.password_edit, NEW_PASSWORD)
    qtbot.keyClicks(change.repeat_edit, NEW_PASSWORD)
    with qtbot.waitSignal(login.accepted, timeout=5000):
        _click(qtbot, change.ok_button)
    assert login.profile().staff_no == "A07" and not auditor_services.must_change_password
    assert keyseal.unseal(_private_key_blob(auditor_services.store), NEW_PASSWORD, "k")
    auditor_services.login("A07", NEW_PASSWORD)


def test_declining_a_new_password_does_not_sign_in(qtbot, short_password_login,
                                                   auditor_services):
    login = short_password_login
    _click(qtbot, login.change_dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert login.isVisible() and login.profile() is None
    assert login.error_label.text() == login.tr("Choose a new password to sign in.")
    assert auditor_services.must_change_password
    auditor_services.login("A07", OLD_SHORT)  # unchanged


# -- screen lock -----------------------------------------------------------

@pytest.fixture
def window(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.typing = QLineEdit(parent)
    layout = QVBoxLayout(parent)
    layout.addWidget(parent.typing)
    layout.addStretch(1)
    parent.resize(800, 600)
    parent.show()
    qtbot.waitExposed(parent)
    parent.typing.setFocus()
    qtbot.keyClicks(parent.typing, "half a remark")
    return parent


@pytest.fixture
def overlay(window, office):
    return LockOverlay(office, window)


@pytest.mark.parametrize("style_sheet", ["", "QWidget { background: #ffffff; } "
                                         "* { color: #000000; } "
                                         "QLineEdit { border: 2px solid #000000; }"])
def test_lock_covers_the_window_opaquely(qtbot, window, overlay, style_sheet):
    window.setStyleSheet(style_sheet)  # the sunlight look is a style sheet
    assert not overlay.is_locked()
    overlay.lock()
    assert overlay.is_locked() and overlay.isVisible()
    assert overlay.geometry() == window.rect()
    assert "王建国" in overlay.title_label.text() and "O01" in overlay.title_label.text()
    image = window.grab().toImage()
    covered = window.typing.geometry()
    colours = {image.pixel(x, y)
               for x in range(covered.left(), covered.right(), 3)
               for y in range(covered.top(), covered.bottom(), 3)}
    assert colours == {image.pixel(window.width() - 2, window.height() - 2)}
    window.resize(1000, 700)
    assert overlay.geometry() == window.rect()


def test_unlock_needs_the_right_password_and_leaves_the_window_as_it_was(qtbot, window,
                                                                         overlay):
    overlay.lock()
    qtbot.keyClicks(overlay.password_edit, "wrong")
    _click(qtbot, overlay.unlock_button)
    assert overlay.is_locked() and overlay.error_label.isVisible()
    assert overlay.password_edit.text() == ""
    qtbot.keyClicks(overlay.password_edit, PASSWORD)
    with qtbot.waitSignal(overlay.unlocked, timeout=5000):
        qtbot.keyClick(overlay.password_edit, Qt.Key.Key_Return)
    assert not overlay.is_locked() and not overlay.isVisible()
    assert window.typing.text() == "half a remark"
    assert window.focusWidget() is window.typing


def test_tab_stays_on_the_lock(qtbot, window, overlay):
    overlay.lock()
    for _ in range(3):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        assert window.focusWidget() in (overlay.password_edit, overlay.unlock_button)
    assert window.typing.text() == "half a remark"


def test_window_shortcuts_do_nothing_while_locked(qtbot, window, overlay):
    triggered = []
    action = QAction(window)
    action.setShortcut(QKeySequence("F9"))
    action.triggered.connect(lambda: triggered.append(True))
    window.addAction(action)
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.typing, Qt.Key.Key_F9)
    assert triggered == [True]  # the shortcut works when unlocked
    overlay.lock()
    qtbot.keyClick(overlay.password_edit, Qt.Key.Key_F9)
    assert triggered == [True]


# -- idle watcher ----------------------------------------------------------

@pytest.fixture
def watcher(qapp):
    watching = IdleWatcher()
    qapp.installEventFilter(watching)
    yield watching
    qapp.removeEventFilter(watching)
    watching.set_minutes(0)


def test_idle_watcher_times_out_without_input(qtbot, watcher):
    with qtbot.waitSignal(watcher.idle_timed_out, timeout=2000):
        watcher.set_interval_ms(50)


def test_idle_watcher_waits_while_keys_arrive(qtbot, watcher, window):
    fired = []
    watcher.idle_timed_out.connect(lambda: fired.append(True))
    watcher.set_interval_ms(300)
    for _ in range(25):  # about 500 ms of typing, well past the interval
        qtbot.keyClick(window.typing, Qt.Key.Key_A)
        qtbot.wait(20)
    assert fired == []
    qtbot.waitUntil(lambda: fired == [True], timeout=2000)


def test_idle_watcher_zero_minutes_never_times_out(qtbot, watcher):
    fired = []
    watcher.idle_timed_out.connect(lambda: fired.append(True))
    watcher.set_interval_ms(50)
    watcher.set_minutes(0)
    qtbot.wait(200)
    assert fired == []


def test_an_offices_first_start_sets_up_its_authority_and_own_certificate(qtbot, first_run,
                                                                          services, tmp_path):
    _fill(qtbot, first_run)
    assert not first_run.set_up_check.isVisible()  # an auditor sets nothing up
    first_run.role_combo.setCurrentIndex(first_run.role_combo.findData(Role.OFFICE.value))
    assert first_run.set_up_check.isVisible() and first_run.set_up_check.isChecked()
    first_run.organisation_edit.setText("")
    _click(qtbot, first_run.ok_button)
    assert first_run.isVisible() and services.people.all() == []  # the office's name first
    first_run.organisation_edit.setText("迎泽区创城办")
    with qtbot.waitSignal(first_run.accepted, timeout=10_000):
        _click(qtbot, first_run.ok_button)
    assert services.credentials.trusted_authority().name == "迎泽区创城办"
    assert services.credentials.status() == "installed"
    bundle, _ = services.sync.export(tmp_path, "abcd1234")  # it can sign its office bundle
    assert bundle.exists()
