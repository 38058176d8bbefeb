"""Asking for a handwritten signature: the auditor's own, or the unit representative's receipt.

The caller names the dialog ("Your signature", "Signature of the unit's
representative"). For the receipt on site, ``allow_refusal`` lets the auditor
record that the representative refused to sign (the notice then says so) and
``ask_name`` asks who signed or refused. After ``exec()`` returns Accepted,
:meth:`SignatureDialog.png_bytes` is the signature for the notice (None when
refused).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.screen_fit import resize_to_fit
from ui.widgets.signature_pad import SignaturePad

PNG_HEIGHT_PX = 240  # about 20 mm at 300 dpi on the printed notice


class SignatureDialog(QDialog):
    """A signature pad with Clear / Undo, OK only once something is drawn (or refusal noted)."""

    def __init__(self, title: str, allow_refusal: bool = False, ask_name: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        resize_to_fit(self, 680, 460)
        self._allow_refusal, self._ask_name = allow_refusal, ask_name
        self.pad = SignaturePad(self)
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.clear_button = self._tool_button(self.tr("C&lear"), self.pad.clear)
        self.undo_button = self._tool_button(self.tr("&Undo"), self.pad.undo_stroke)
        self.undo_button.setToolTip(self.tr("Take back the last stroke (Ctrl+Z)"))
        self.refusal = QCheckBox(self.tr("The representative refused to sign"), self)
        self.refusal.setVisible(allow_refusal)
        self.name = QLineEdit(self)
        self.name.setMaxLength(40)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.pad.signature_changed.connect(self._on_pad_signature_changed)
        self.refusal.toggled.connect(self._on_refusal_toggled)
        self._lay_out()
        self._update_buttons()
        self.pad.setFocus()

    def _tool_button(self, text: str, handler) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(handler)
        return button

    def _lay_out(self) -> None:
        tools = QHBoxLayout()
        tools.addWidget(self.clear_button)
        tools.addWidget(self.undo_button)
        tools.addStretch()
        tools.addWidget(self.refusal)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.pad, 1)
        layout.addLayout(tools)
        if self._ask_name:
            form = QFormLayout()
            form.addRow(self.tr("&Name"), self.name)
            layout.addLayout(form)
        else:
            self.name.hide()
        layout.addWidget(self.buttons)

    # -- results -------------------------------------------------------------------

    def refused(self) -> bool:
        """True when the auditor recorded that the representative refused to sign."""
        return self._allow_refusal and self.refusal.isChecked()

    def png_bytes(self) -> bytes | None:
        """The drawn signature as a transparent PNG; None when refused or nothing is drawn."""
        if self.refused() or self.pad.is_empty():
            return None
        return self.pad.png_bytes(PNG_HEIGHT_PX)

    def signer_name(self) -> str:
        """The name typed in (empty when the dialog does not ask for one)."""
        return self.name.text().strip() if self._ask_name else ""

    # -- state -----------------------------------------------------------------------

    def _on_pad_signature_changed(self) -> None:
        self._update_buttons()

    def _on_refusal_toggled(self, refused: bool) -> None:
        self.pad.setEnabled(not refused)
        self._update_buttons()

    def _update_buttons(self) -> None:
        refused = self.refused()
        drawn = not self.pad.is_empty()
        self.ok_button.setEnabled(refused or drawn)
        self.clear_button.setEnabled(drawn and not refused)
        self.undo_button.setEnabled(drawn and not refused)
        self.prompt.setText(
            self.tr("The notice will record that the representative refused to sign.")
            if refused else self.tr("Sign on the line with the mouse, a pen or a finger."))
