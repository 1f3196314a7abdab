// The parameters of each meeting channel (rate, partner scope, starting trust), looked up
// by channel: one table instead of a switch per parameter.
#pragma once

#include "scenario/params.hpp"
#include "world/world.hpp"

#include <array>

namespace renkei {

struct ChannelParams {
  double Params::*rate;
  double Params::*same_prefecture;
  double Params::*same_industry;
  double Params::*start_trust;
};

inline constexpr std::array<ChannelParams, kChannels> kChannelParams = {{
    {&Params::meetings_rate_personal, &Params::meetings_same_pref_personal,
     &Params::meetings_same_ind_personal, &Params::trust_start_personal},
    {&Params::meetings_rate_industry, &Params::meetings_same_pref_industry,
     &Params::meetings_same_ind_industry, &Params::trust_start_industry},
    {&Params::meetings_rate_institute, &Params::meetings_same_pref_institute,
     &Params::meetings_same_ind_institute, &Params::trust_start_institute},
    {&Params::meetings_rate_university, &Params::meetings_same_pref_university,
     &Params::meetings_same_ind_university, &Params::trust_start_university},
    {&Params::meetings_rate_bank, &Params::meetings_same_pref_bank, &Params::meetings_same_ind_bank,
     &Params::trust_start_bank},
    {&Params::meetings_rate_event, &Params::meetings_same_pref_event,
     &Params::meetings_same_ind_event, &Params::trust_start_event},
    {&Params::meetings_rate_introduction, &Params::meetings_same_pref_introduction,
     &Params::meetings_same_ind_introduction, &Params::trust_start_introduction},
}};

inline const ChannelParams& channel_params(Channel c) {
  return kChannelParams[static_cast<int>(c)];
}

}  // namespace renkei
