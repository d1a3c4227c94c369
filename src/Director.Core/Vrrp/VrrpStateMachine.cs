namespace Director.Core.Vrrp;

/// <summary>
/// The VRRP instance state machine as a pure function: RFC 5798 section 6.4 with keepalived
/// 2.2.7's behaviour (vrrp_state_backup, vrrp_state_master_rx, vrrp_init_state, leave_fault).
/// </summary>
public static class VrrpStateMachine
{
    public static VrrpTransition Handle(VrrpInstanceState state, VrrpEvent @event, Instant now)
    {
        var step = new Step(state, now);
        switch (state.State, @event)
        {
            case (VrrpState.Stop, _):
                break;
            case (_, VrrpEvent.Shutdown):
                step.Shutdown();
                break;
            case (_, VrrpEvent.PriorityChanged changed):
                step.ChangePriority(changed.EffectivePriority);
                break;
            case (_, VrrpEvent.InterfaceDown):
                step.State = step.State with { InterfaceUp = false };
                step.EnterFaultIfFaulted();
                break;
            case (_, VrrpEvent.InterfaceUp):
                step.State = step.State with { InterfaceUp = true };
                step.LeaveFaultIfClear();
                break;
            case (VrrpState.Init, VrrpEvent.Startup):
                step.Start();
                break;
            case (VrrpState.Backup, VrrpEvent.AdvertReceived advert):
                step.BackupReceived(advert);
                break;
            case (VrrpState.Master, VrrpEvent.AdvertReceived advert):
                step.MasterReceived(advert);
                break;
            case (VrrpState.Backup, VrrpEvent.MasterDownTimerExpired):
                if (step.TimerDue(VrrpTimerKind.MasterDown))
                    step.BecomeMaster();
                break;
            case (VrrpState.Master, VrrpEvent.AdvertTimerExpired):
                if (step.TimerDue(VrrpTimerKind.Advert))
                    step.SendPeriodicAdvert();
                break;
            case (VrrpState.Master, VrrpEvent.GarpDelayExpired):
                if (step.TimerDue(VrrpTimerKind.GarpDelay))
                    step.SendDelayedGarp();
                break;
            case (VrrpState.Master, VrrpEvent.GarpRefreshExpired):
                if (step.TimerDue(VrrpTimerKind.GarpRefresh))
                    step.RefreshGarp();
                break;
            case (_, VrrpEvent.SyncGroupForce force):
                step.Force(force.Target);
                break;
        }
        return new VrrpTransition(step.State, step.Actions);
    }

    /// <summary>One event's worth of work: the evolving state and the actions emitted so far.</summary>
    private sealed class Step(VrrpInstanceState state, Instant now)
    {
        public VrrpInstanceState State { get; set; } = state;

        public List<VrrpAction> Actions { get; } = [];

        private VrrpInstanceConfig Config => State.Config;

        private void Emit(VrrpAction action) => Actions.Add(action);

        /// <summary>Whether the expiry is for a live deadline; an early one re-arms the timer, a stale one is ignored.</summary>
        public bool TimerDue(VrrpTimerKind timer)
        {
            if (State.Deadline(timer) is not { } at)
                return false;
            if (now >= at)
            {
                State = WithDeadline(State, timer, null);
                return true;
            }
            Emit(new VrrpAction.SetTimer(timer, at));
            return false;
        }

        /// <summary>
        /// keepalived: the owner's priority never changes; a backup's running down timer moves by
        /// the change of the master down interval (the skew depends on the priority).
        /// </summary>
        public void ChangePriority(byte priority)
        {
            if (State.BasePriority == VrrpWire.OwnerPriority || priority == State.EffectivePriority)
                return;
            var oldDown = State.MasterDownInterval;
            State = State with { EffectivePriority = priority };
            if (State.State == VrrpState.Backup && State.MasterDownAt is { } at)
                SetMasterDown(at + (State.MasterDownInterval - oldDown));
        }

        public void Start()
        {
            if (State.Faulted)
            {
                EnterFault();
                return;
            }
            if (Config.InitialState == VrrpState.Master && State.BasePriority == VrrpWire.OwnerPriority)
            {
                BecomeMaster();
                return;
            }
            // keepalived 2.2.7: a MASTER-configured instance below 255 starts in BACKUP with the
            // full master down interval, exactly as a BACKUP one (measured, see capture/README.md).
            Emit(new VrrpAction.RemoveVips());
            EnterBackup(preemptDelayStarts: false);
        }

        public void Shutdown()
        {
            var wasMaster = State.State == VrrpState.Master;
            var wasRunning = State.State != VrrpState.Init;
            if (wasMaster)
            {
                Emit(new VrrpAction.SendAdvert(VrrpWire.StopPriority));
                Emit(new VrrpAction.RemoveVips());
            }
            CancelAllTimers();
            State = State with { State = VrrpState.Stop, MasterAddress = null, MasterPriority = null };
            if (wasRunning)
                Emit(new VrrpAction.Notify(VrrpState.Stop, State.EffectivePriority));
        }

        public void BackupReceived(VrrpEvent.AdvertReceived advert)
        {
            if (advert.Priority == VrrpWire.StopPriority)
            {
                // The master resigned: take over after the skew only.
                SetMasterDown(now + State.Skew);
                return;
            }

            var delay = Config.EffectivePreemptDelay;
            var holdingBack = !Config.Preempts ||
                              advert.Priority >= State.EffectivePriority ||
                              (delay > TimeSpan.Zero && (State.PreemptUntil is null || State.PreemptUntil > now));
            if (!holdingBack)
            {
                // Lower priority and we preempt: ignore it and let the down timer run out.
                State = State with { MasterAddress = advert.Source };
                Emit(new VrrpAction.Log(
                    $"received lower priority ({advert.Priority}) advert from {advert.Source} - discarding"));
                return;
            }

            AdoptMasterInterval(advert);
            State = State with { MasterAddress = advert.Source, MasterPriority = advert.Priority };
            if (delay > TimeSpan.Zero)
            {
                if (advert.Priority >= State.EffectivePriority)
                    State = State with { PreemptUntil = null };
                else if (State.PreemptUntil is null)
                    State = State with { PreemptUntil = now + delay };
            }
            SetMasterDown(now + State.MasterDownInterval);
        }

        public void MasterReceived(VrrpEvent.AdvertReceived advert)
        {
            var ours = State.EffectivePriority;
            var addressOrder = VrrpAddressOrder.Compare(advert.Source, Config.PrimaryAddress);
            var theirsWins = advert.Priority > ours || (advert.Priority == ours && addressOrder > 0);

            if (advert.Priority == VrrpWire.StopPriority || (Config.HigherPrioritySendAdvert && theirsWins))
            {
                Emit(new VrrpAction.SendAdvert(ours));
                if (advert.Priority == VrrpWire.StopPriority)
                {
                    SetAdvertTimer();
                    return;
                }
            }

            if (advert.Priority == ours)
            {
                if (addressOrder == 0)
                {
                    Emit(new VrrpAction.Log("WARNING - equal priority advert received from remote host with our IP address."));
                    return;
                }
                if (ours == VrrpWire.OwnerPriority)
                {
                    // Two address owners: a configuration error. keepalived steps down to 254.
                    Emit(new VrrpAction.Log(
                        "CONFIGURATION ERROR: local instance and a remote instance are both configured as address owner, please fix - reducing local priority"));
                    ours = VrrpWire.OwnerPriority - 1;
                    State = State with { BasePriority = ours, EffectivePriority = ours };
                }
            }

            if (advert.Priority < ours || (advert.Priority == ours && addressOrder < 0))
            {
                if (!Config.LowerPriorityNoAdvert)
                    Emit(new VrrpAction.SendAdvert(ours));
                return;
            }

            AdoptMasterInterval(advert);
            State = State with { MasterAddress = advert.Source, MasterPriority = advert.Priority };
            LeaveMaster();
            EnterBackup(preemptDelayStarts: false);
        }

        public void BecomeMaster()
        {
            Cancel(VrrpTimerKind.MasterDown);
            State = State with
            {
                State = VrrpState.Master,
                MasterAdvertInterval = Config.AdvertInterval,
                MasterAddress = Config.PrimaryAddress,
                MasterPriority = State.EffectivePriority,
                PreemptUntil = null,
            };
            // keepalived sends the advert first, so that the old master drops the VIPs before our GARPs.
            Emit(new VrrpAction.SendAdvert(State.EffectivePriority));
            Emit(new VrrpAction.AddVips(Config.BlocksVipTraffic));
            Emit(new VrrpAction.SendGratuitousArp(Config.GarpMasterRepeat));
            Emit(new VrrpAction.Notify(VrrpState.Master, State.EffectivePriority));
            SetAdvertTimer();
            if (Config.EffectiveGarpMasterDelay > TimeSpan.Zero && Config.GarpMasterRepeat > 0)
                SetTimer(VrrpTimerKind.GarpDelay, now + Config.EffectiveGarpMasterDelay);
            if (Config.GarpMasterRefresh > TimeSpan.Zero)
                SetTimer(VrrpTimerKind.GarpRefresh, now + Config.GarpMasterRefresh);
        }

        public void SendPeriodicAdvert()
        {
            Emit(new VrrpAction.SendAdvert(State.EffectivePriority));
            SetAdvertTimer();
        }

        public void SendDelayedGarp()
        {
            Emit(new VrrpAction.SendGratuitousArp(Config.GarpMasterRepeat));
        }

        public void RefreshGarp()
        {
            Emit(new VrrpAction.SendGratuitousArp(Config.GarpMasterRefreshRepeat));
            SetTimer(VrrpTimerKind.GarpRefresh, now + Config.GarpMasterRefresh);
        }

        public void EnterFaultIfFaulted()
        {
            if (State.Faulted && State.State is VrrpState.Backup or VrrpState.Master)
                EnterFault();
        }

        public void LeaveFaultIfClear()
        {
            if (State.State != VrrpState.Fault || State.Faulted)
                return;
            if (Config.InitialState == VrrpState.Master && State.BasePriority == VrrpWire.OwnerPriority)
                BecomeMaster();
            else
                EnterBackup(preemptDelayStarts: true);
        }

        public void Force(VrrpState target)
        {
            switch (target, State.State)
            {
                case (VrrpState.Master, VrrpState.Backup):
                    BecomeMaster();
                    break;
                case (VrrpState.Backup, VrrpState.Master):
                    LeaveMaster();
                    EnterBackup(preemptDelayStarts: false);
                    break;
                case (VrrpState.Backup, VrrpState.Fault):
                    State = State with { SyncFault = false };
                    LeaveFaultIfClear();
                    break;
                case (VrrpState.Fault, VrrpState.Backup or VrrpState.Master):
                    State = State with { SyncFault = true };
                    EnterFault();
                    break;
            }
        }

        private void EnterFault()
        {
            if (State.State == VrrpState.Master)
            {
                Emit(new VrrpAction.SendAdvert(VrrpWire.StopPriority));
                Emit(new VrrpAction.RemoveVips());
            }
            CancelAllTimers();
            State = State with { State = VrrpState.Fault, MasterAddress = null, MasterPriority = null };
            Emit(new VrrpAction.Notify(VrrpState.Fault, State.EffectivePriority));
        }

        private void LeaveMaster()
        {
            Cancel(VrrpTimerKind.Advert);
            Cancel(VrrpTimerKind.GarpDelay);
            Cancel(VrrpTimerKind.GarpRefresh);
            Emit(new VrrpAction.RemoveVips());
        }

        private void EnterBackup(bool preemptDelayStarts)
        {
            var delay = Config.EffectivePreemptDelay;
            State = State with
            {
                State = VrrpState.Backup,
                MasterAdvertInterval = State.State == VrrpState.Master ? State.MasterAdvertInterval : Config.AdvertInterval,
                PreemptUntil = preemptDelayStarts && delay > TimeSpan.Zero ? now + delay : null,
            };
            Emit(new VrrpAction.Notify(VrrpState.Backup, State.EffectivePriority));
            SetMasterDown(now + State.MasterDownInterval);
        }

        private void AdoptMasterInterval(VrrpEvent.AdvertReceived advert)
        {
            // RFC 5798: a v3 backup uses the master's interval; v2 intervals already matched.
            if (Config.Version == VrrpVersion.V3 && advert.AdvertInterval > TimeSpan.Zero)
                State = State with { MasterAdvertInterval = advert.AdvertInterval };
        }

        private void SetAdvertTimer() => SetTimer(VrrpTimerKind.Advert, now + Config.AdvertInterval);

        private void SetMasterDown(Instant at) => SetTimer(VrrpTimerKind.MasterDown, at);

        private void SetTimer(VrrpTimerKind timer, Instant at)
        {
            State = WithDeadline(State, timer, at);
            Emit(new VrrpAction.SetTimer(timer, at));
        }

        private void Cancel(VrrpTimerKind timer)
        {
            if (State.Deadline(timer) is null)
                return;
            State = WithDeadline(State, timer, null);
            Emit(new VrrpAction.CancelTimer(timer));
        }

        private void CancelAllTimers()
        {
            foreach (var timer in Enum.GetValues<VrrpTimerKind>())
                Cancel(timer);
        }

        private static VrrpInstanceState WithDeadline(VrrpInstanceState s, VrrpTimerKind timer, Instant? at) => timer switch
        {
            VrrpTimerKind.MasterDown => s with { MasterDownAt = at },
            VrrpTimerKind.Advert => s with { AdvertAt = at },
            VrrpTimerKind.GarpDelay => s with { GarpDelayAt = at },
            _ => s with { GarpRefreshAt = at },
        };
    }
}
