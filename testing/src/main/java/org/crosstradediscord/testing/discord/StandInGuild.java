package org.crosstradediscord.testing.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A guild of the stand-in: its roles, members and text channels. Members' roles can be changed while the
 * test runs (the next interaction carries the new roles, as on Discord).
 */
public final class StandInGuild {
  /**
   * @param id role id
   * @param name role name
   */
  public record Role(long id, String name) {}

  /**
   * @param id channel id
   * @param name channel name
   */
  public record Channel(long id, String name) {}

  /** A member: user id, user name and current role ids. */
  public static final class Member {
    private final long id;
    private final String name;
    private volatile List<Long> roleIds;

    Member(long id, String name, List<Long> roleIds) {
      this.id = id;
      this.name = name;
      this.roleIds = List.copyOf(roleIds);
    }

    /** @return user id */
    public long id() {
      return id;
    }

    /** @return user name */
    public String name() {
      return name;
    }

    /** @return current role ids */
    public List<Long> roleIds() {
      return roleIds;
    }

    /** @param roleIds the member's new roles (takes effect on the next interaction) */
    public void setRoles(List<Long> roleIds) {
      this.roleIds = List.copyOf(roleIds);
    }

    @Override
    public String toString() {
      return name + "(" + id + ")";
    }
  }

  private final long id;
  private final String name;
  private final List<Role> roles = new ArrayList<>();
  private final List<Channel> channels = new ArrayList<>();
  private final Map<String, Member> members = new ConcurrentHashMap<>();
  private final java.util.Set<Long> hiddenFromBot = ConcurrentHashMap.newKeySet();

  /**
   * Makes a channel private to the bot as a server admin would by mistake: {@code @everyone} is denied View Channel
   * there (a channel overwrite), and the bot no longer owns the guild (an owner has every permission). Takes effect
   * in the next {@code GUILD_CREATE} (the bot's next start).
   *
   * @param channel a channel of this guild
   */
  public void hideFromBot(Channel channel) {
    hiddenFromBot.add(channel.id());
  }

  /** @return true while no channel is hidden from the bot: the bot is the guild's owner (every permission) */
  public boolean botIsOwner() {
    return hiddenFromBot.isEmpty();
  }

  /**
   * @param channel a channel
   * @return true when {@code @everyone} is denied View Channel there ({@link #hideFromBot})
   */
  public boolean hiddenFromBot(Channel channel) {
    return hiddenFromBot.contains(channel.id());
  }

  /**
   * @param id guild id
   * @param name guild name
   */
  public StandInGuild(long id, String name) {
    this.id = id;
    this.name = name;
  }

  /** @param roleName a role name @return the new role (id minted) */
  public Role addRole(String roleName) {
    Role r = new Role(Snowflakes.next(), roleName);
    roles.add(r);
    return r;
  }

  /** @param channelName a channel name @return the new text channel */
  public Channel addChannel(String channelName) {
    Channel c = new Channel(Snowflakes.next(), channelName);
    channels.add(c);
    return c;
  }

  /**
   * @param userName member name (unique in the guild)
   * @param roles the member's roles
   * @return the new member
   */
  public Member addMember(String userName, Role... roles) {
    List<Long> ids = new ArrayList<>();
    for (Role r : roles) {
      ids.add(r.id());
    }
    Member m = new Member(Snowflakes.next(), userName, ids);
    members.put(userName, m);
    return m;
  }

  /** @return guild id */
  public long id() {
    return id;
  }

  /** @return guild name */
  public String name() {
    return name;
  }

  /** @return roles, excluding @everyone */
  public List<Role> roles() {
    return List.copyOf(roles);
  }

  /** @return text channels */
  public List<Channel> channels() {
    return List.copyOf(channels);
  }

  /** @return members by name */
  public Map<String, Member> members() {
    return Map.copyOf(members);
  }

  /** @param userName member name @return that member */
  public Member member(String userName) {
    Member m = members.get(userName);
    if (m == null) {
      throw new IllegalArgumentException("no member " + userName + " in guild " + name);
    }
    return m;
  }

  /** @param roleName role name @return that role */
  public Role role(String roleName) {
    return roles.stream().filter(r -> r.name().equalsIgnoreCase(roleName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no role " + roleName + " in guild " + name));
  }
}
