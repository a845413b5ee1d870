import { Button, type ButtonProps } from '@mui/material';
import { type ReactNode, useState } from 'react';
import { Confirm, type ConfirmProps } from 'react-admin';

type ConfirmActionProps = Pick<
  ConfirmProps,
  'title' | 'content' | 'confirm' | 'cancel' | 'confirmColor' | 'ConfirmIcon'
> & {
  open: boolean;
  /** The action runs: the buttons wait for it. */
  pending: boolean;
  onClose: () => void;
  /** Resolves to whether the action went through (the dialog then closes). */
  onConfirm: () => Promise<boolean>;
};

/** Asks before an action, and stays open (to try again) when the action fails. */
export const ConfirmAction = ({
  open,
  pending,
  onClose,
  onConfirm,
  ...props
}: ConfirmActionProps) => (
  <Confirm
    {...props}
    isOpen={open}
    loading={pending}
    onClose={onClose}
    onConfirm={async () => {
      if (await onConfirm()) onClose();
    }}
  />
);

type ConfirmActionButtonProps = Omit<ConfirmActionProps, 'open' | 'onClose'> &
  Omit<ButtonProps, 'title' | 'content' | 'onClick'> & {
    /** The button's text. */
    label: ReactNode;
  };

/** A button that asks (with a Confirm dialog) before it acts. */
export const ConfirmActionButton = ({
  label,
  title,
  content,
  confirm,
  cancel,
  confirmColor,
  ConfirmIcon,
  pending,
  onConfirm,
  disabled,
  ...buttonProps
}: ConfirmActionButtonProps) => {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button {...buttonProps} disabled={disabled || pending} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <ConfirmAction
        open={open}
        pending={pending}
        title={title}
        content={content}
        confirm={confirm}
        cancel={cancel}
        confirmColor={confirmColor}
        ConfirmIcon={ConfirmIcon}
        onClose={() => setOpen(false)}
        onConfirm={onConfirm}
      />
    </>
  );
};
